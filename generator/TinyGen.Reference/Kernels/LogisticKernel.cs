using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>TFLite Micro's int8 LOGISTIC, element by element (see <see cref="LogisticInt8"/>); output scale 1/256, zero point -128.</summary>
public static class LogisticKernel
{
    public static TensorData Evaluate(ElementwiseFunction op, KernelContext context)
    {
        var inputQ = context.PerTensorQuantization(op.Input, op);
        var outputQ = context.PerTensorQuantization(op.Output, op);
        if (outputQ.ZeroPoint != LogisticInt8.OutputZeroPoint || Math.Abs(outputQ.Scale * 256.0 - 1.0) > 1e-6)
            throw new TinyGenException($"{op}: int8 logistic needs output scale 1/256 and zero point -128, '{op.Output}' has {outputQ}");
        var logistic = LogisticInt8.For(inputQ.Scale, inputQ.ZeroPoint);
        return TensorData.FromInt8(context.Int8(op.Input, op).Select(x => (sbyte)logistic.Apply(x)).ToArray());
    }
}
