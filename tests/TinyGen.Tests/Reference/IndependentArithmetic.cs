using System.Numerics;
using TinyGen.Arithmetic;

namespace TinyGen.Tests.Reference;

/// <summary>
/// Test oracles written differently from TinyGen.Arithmetic on purpose: the double-rounding
/// requantization as two explicit roundings of exact rationals (round half up for the high
/// multiply, half away from zero for the shift), and TFLite's activation bounds.
/// </summary>
internal static class IndependentArithmetic
{
    public static int Requantize(long x, QuantizedMultiplier m)
    {
        var left = Math.Max(m.Shift, 0);
        var right = Math.Max(-m.Shift, 0);
        var shifted = (int)(x << left); // the kernels' inputs never overflow here
        // SRDHM: round(shifted * m / 2^31) with ties toward +infinity = floor((p + 2^30) / 2^31)
        var high = FloorDiv((BigInteger)shifted * m.Multiplier + (BigInteger.One << 30), BigInteger.One << 31);
        // RoundingDivideByPOT: round(high / 2^right) with ties away from zero
        var divisor = BigInteger.One << right;
        var magnitude = (BigInteger.Abs(high) * 2 + divisor) / (divisor * 2);
        return (int)(high.Sign < 0 ? -magnitude : magnitude);
    }

    public static int Clamp(int v, int lo, int hi) => Math.Min(hi, Math.Max(lo, v));

    private static BigInteger FloorDiv(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var r);
        return r.Sign != 0 && (r.Sign < 0) != (b.Sign < 0) ? q - 1 : q;
    }
}
