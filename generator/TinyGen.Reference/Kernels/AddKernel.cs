using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// TFLite's int8 Add: both inputs are moved to a common scale with 20 bits of
/// headroom, a = MBQM((x1 - z1) * 2^20, m1), b = MBQM((x2 - z2) * 2^20, m2), then
/// out = clamp(MBQM(a + b, m_out) + z_out) — see <see cref="AddRequantization"/>.
/// </summary>
public static class AddKernel
{
    public static TensorData Evaluate(Binary op, KernelContext context)
    {
        var operands = BinaryOperands.For(op, context);
        var (qa, qb, qo) = (operands.AQuantization, operands.BQuantization, operands.OutputQuantization);
        var p = AddRequantization.For(qa.Scale, qb.Scale, qo.Scale);
        var (min, max) = ActivationRange.ForInt8(op.Activation, qo.Scale, qo.ZeroPoint);
        var output = new sbyte[operands.A.Length];
        for (var i = 0; i < output.Length; i++)
        {
            var a = FixedPoint.MultiplyByQuantizedMultiplier((operands.A[i] - qa.ZeroPoint) * (1 << p.LeftShift), p.Input1);
            var b = FixedPoint.MultiplyByQuantizedMultiplier((operands.BFor(i) - qb.ZeroPoint) * (1 << p.LeftShift), p.Input2);
            output[i] = (sbyte)FixedPoint.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(a + b, p.Output) + qo.ZeroPoint, min, max);
        }
        return TensorData.FromInt8(output);
    }
}
