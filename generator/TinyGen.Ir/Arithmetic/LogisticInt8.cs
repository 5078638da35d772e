namespace TinyGen.Arithmetic;

/// <summary>
/// TFLite Micro's int8 LOGISTIC (LogisticPrepare → reference_integer_ops::Logistic): the input
/// offset by its zero point is scaled into Q4.27 by (InputMultiplier, InputLeftShift) computed from
/// frexp(input_scale * 2^27); inputs at or beyond ±InputRangeRadius saturate to -128 / 127; the rest
/// go through gemmlowp's fixed-point logistic, are divided by 2^23 (round half away from zero) and
/// offset by -128. The output is always read as scale 1/256, zero point -128: TFLM checks the zero
/// point and never looks at the output scale.
/// </summary>
public sealed record LogisticInt8(int InputZeroPoint, int InputMultiplier, int InputLeftShift, int InputRangeRadius)
{
    public const int InputIntegerBits = 4;
    public const float OutputScale = 1f / 256;
    public const int OutputZeroPoint = -128;

    public static LogisticInt8 For(float inputScale, int inputZeroPoint)
    {
        var real = (double)inputScale * (1 << (31 - InputIntegerBits));
        if (!(real > 0) || double.IsInfinity(real)) throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "logistic input scale must be positive and finite");
        var (fraction, exponent) = QuantizedMultiplier.Frexp(real);
        // TFLite casts round(q * 2^31) to int32 without the 2^31 carry of QuantizeMultiplier
        var multiplier = Math.Round(fraction * (1L << 31), MidpointRounding.AwayFromZero);
        if (multiplier > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "logistic input multiplier rounds to 2^31, which TFLite's int32 cast cannot hold");
        if (exponent < 0)
            throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "logistic input scale below 2^-28 is outside TFLite's int8 logistic");
        return new LogisticInt8(inputZeroPoint, (int)multiplier, exponent, GemmlowpFixedPoint.InputRadius(InputIntegerBits, exponent));
    }

    /// <summary>The int8 output (scale 1/256, zero point -128) for one int8 input.</summary>
    public int Apply(int x)
    {
        var input = x - InputZeroPoint;
        if (input <= -InputRangeRadius) return sbyte.MinValue;
        if (input >= InputRangeRadius) return sbyte.MaxValue;
        var inputQ4 = FixedPoint.MultiplyByQuantizedMultiplier(input, InputMultiplier, InputLeftShift);
        var outputQ0 = GemmlowpFixedPoint.Logistic(inputQ4, InputIntegerBits);
        var outputQ23 = FixedPoint.RoundingDivideByPowerOfTwo(outputQ0, 31 - 8);
        return FixedPoint.Clamp(outputQ23 + OutputZeroPoint, sbyte.MinValue, sbyte.MaxValue);
    }
}
