using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>A standalone activation on int8 data: a clamp to the activation's quantized bounds (input and output share quantization).</summary>
public static class ClampKernel
{
    public static TensorData Evaluate(Activation op, KernelContext context)
    {
        var inputQ = context.PerTensorQuantization(op.Input, op);
        var outputQ = context.PerTensorQuantization(op.Output, op);
        if (inputQ != outputQ)
            throw new TinyGenException($"{op}: input ({inputQ}) and output ({outputQ}) must share one quantization after lowering");
        var (min, max) = ActivationRange.ForInt8(op.Clamp, outputQ.Scale, outputQ.ZeroPoint);
        var x = context.Int8(op.Input, op);
        return TensorData.FromInt8(x.Select(v => (sbyte)FixedPoint.Clamp(v, min, max)).ToArray());
    }
}
