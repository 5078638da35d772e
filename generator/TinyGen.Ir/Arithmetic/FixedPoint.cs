namespace TinyGen.Arithmetic;

/// <summary>
/// The integer primitives of TFLite's and CMSIS-NN's int8 kernels (default "double rounding").
/// The reference interpreter is built from these; the C kernels implement the same formulas
/// independently in firmware/include/tg_math.h.
/// </summary>
public static class FixedPoint
{
    /// <summary>
    /// round(a * b / 2^31) with ties rounded up (toward +infinity: +0.5 gives 1, -0.5 gives 0, -1.5
    /// gives -1), which is what gemmlowp's nudge-and-truncate computes; saturates the one overflow case.
    /// </summary>
    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == int.MinValue && b == int.MinValue) return int.MaxValue;
        var product = (long)a * b;
        var nudge = product >= 0 ? 1L << 30 : 1 - (1L << 30);
        return (int)((product + nudge) / (1L << 31));
    }

    /// <summary>x / 2^exponent rounded half away from zero (gemmlowp's RoundingDivideByPOT).</summary>
    public static int RoundingDivideByPowerOfTwo(int x, int exponent)
    {
        if (exponent < 0 || exponent > 31) throw new ArgumentOutOfRangeException(nameof(exponent));
        var mask = (int)((1L << exponent) - 1);
        var remainder = x & mask;
        var threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>TFLite's MultiplyByQuantizedMultiplier: x * M with M = multiplier * 2^(shift-31).</summary>
    public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
    {
        var left = Math.Max(shift, 0);
        var right = Math.Max(-shift, 0);
        var shifted = unchecked((int)((long)x * (1L << left)));
        return RoundingDivideByPowerOfTwo(SaturatingRoundingDoublingHighMul(shifted, multiplier), right);
    }

    public static int MultiplyByQuantizedMultiplier(int x, QuantizedMultiplier m) => MultiplyByQuantizedMultiplier(x, m.Multiplier, m.Shift);

    public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

    public static sbyte SaturateToInt8(int value) => (sbyte)Clamp(value, sbyte.MinValue, sbyte.MaxValue);
}
