using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>TFLite Micro's int8 HARD_SWISH, element by element (see <see cref="HardSwishInt8"/>).</summary>
public static class HardSwishKernel
{
    public static TensorData Evaluate(ElementwiseFunction op, KernelContext context)
    {
        var inputQ = context.PerTensorQuantization(op.Input, op);
        var outputQ = context.PerTensorQuantization(op.Output, op);
        var hardSwish = HardSwishInt8.For(inputQ.Scale, inputQ.ZeroPoint, outputQ.Scale, outputQ.ZeroPoint);
        return TensorData.FromInt8(context.Int8(op.Input, op).Select(x => (sbyte)hardSwish.Apply(x)).ToArray());
    }
}
