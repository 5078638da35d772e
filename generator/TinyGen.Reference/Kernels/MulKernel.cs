using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>TFLite's int8 Mul: out = clamp(MBQM((x1 - z1) * (x2 - z2), s1 * s2 / s_out) + z_out).</summary>
public static class MulKernel
{
    public static TensorData Evaluate(Binary op, KernelContext context)
    {
        var operands = BinaryOperands.For(op, context);
        var (qa, qb, qo) = (operands.AQuantization, operands.BQuantization, operands.OutputQuantization);
        var m = MulRequantization.For(qa.Scale, qb.Scale, qo.Scale);
        var (min, max) = ActivationRange.ForInt8(op.Activation, qo.Scale, qo.ZeroPoint);
        var output = new sbyte[operands.A.Length];
        for (var i = 0; i < output.Length; i++)
        {
            var product = (operands.A[i] - qa.ZeroPoint) * (operands.BFor(i) - qb.ZeroPoint);
            output[i] = (sbyte)FixedPoint.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(product, m) + qo.ZeroPoint, min, max);
        }
        return TensorData.FromInt8(output);
    }
}
