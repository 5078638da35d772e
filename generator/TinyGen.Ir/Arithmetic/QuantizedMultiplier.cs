namespace TinyGen.Arithmetic;

/// <summary>
/// A positive real multiplier M expressed as a Q31 multiplier and a power-of-two shift,
/// M ≈ Multiplier * 2^(Shift - 31), exactly as TFLite's QuantizeMultiplier computes it
/// (frexp, round half away from zero, the 2^31 carry, shifts below -31 flush to zero).
/// Shift &gt; 0 means a left shift before the high multiply.
/// </summary>
public readonly record struct QuantizedMultiplier(int Multiplier, int Shift)
{
    public static QuantizedMultiplier From(double realMultiplier)
    {
        if (realMultiplier == 0 || double.IsNaN(realMultiplier)) return new(0, 0);
        if (realMultiplier < 0 || double.IsInfinity(realMultiplier))
            throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "a requantization multiplier must be finite and positive");
        var (fraction, exponent) = Frexp(realMultiplier);
        var q = (long)Math.Round(fraction * (1L << 31), MidpointRounding.AwayFromZero);
        if (q == 1L << 31)
        {
            q /= 2;
            exponent++;
        }
        if (exponent < -31) return new(0, 0);
        // TFLite caps shifts at 30 as well; a multiplier that large never occurs in a sane model.
        if (exponent > 30) throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "requantization multiplier too large");
        return new((int)q, exponent);
    }

    /// <summary>Like C's frexp: value = fraction * 2^exponent with fraction in [0.5, 1).</summary>
    public static (double Fraction, int Exponent) Frexp(double value)
    {
        if (value == 0) return (0, 0);
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0) // subnormal: scale up first
        {
            var (f, e) = Frexp(value * Math.Pow(2, 64));
            return (f, e - 64);
        }
        var fraction = BitConverter.Int64BitsToDouble((bits & ~(0x7FFL << 52)) | (1022L << 52));
        return (fraction, exponent - 1022);
    }
}
