namespace TinyGen.Arithmetic;

/// <summary>
/// TFLite Micro's int8 HARD_SWISH (HardSwishPrepare → reference_ops::HardSwish&lt;int8_t&gt;), which
/// computes in int16 fixed point: the input is moved to a "hires" scale (x - zp) * 2^7, then
/// multiplied by an int16 output multiplier (the value used for x &gt;= 3) and by a "reluish" factor
/// in [0, 1] that is the input rescaled so that 3.0 maps to 2^15, saturated, and shifted into [0, 1].
/// Multipliers are QuantizeMultiplier's Q31 values rounded to Q15 (DownScaleInt32ToInt16Multiplier);
/// the real multipliers are divided in float as TFLM does. The output shift must be a right shift.
/// </summary>
public sealed record HardSwishInt8(
    int InputZeroPoint, int OutputZeroPoint,
    short OutputMultiplier, int OutputExponent,
    short ReluishMultiplier, int ReluishExponent)
{
    public static HardSwishInt8 For(float inputScale, int inputZeroPoint, float outputScale, int outputZeroPoint)
    {
        var hiresInputScale = (1.0f / 128.0f) * inputScale;
        const float reluishScale = 3.0f / 32768.0f;
        var output = QuantizedMultiplier.From(hiresInputScale / outputScale);
        if (output.Shift > 0)
            throw new ArgumentOutOfRangeException(nameof(outputScale), outputScale, $"hard swish with input scale {inputScale} and output scale {outputScale} needs a left output shift, which TFLite rejects");
        var reluish = QuantizedMultiplier.From(hiresInputScale / reluishScale);
        return new HardSwishInt8(inputZeroPoint, outputZeroPoint,
            DownScaleToInt16(output.Multiplier), output.Shift, DownScaleToInt16(reluish.Multiplier), reluish.Shift);
    }

    /// <summary>The int8 output for one int8 input.</summary>
    public int Apply(int x)
    {
        var inputValue = (short)(x - InputZeroPoint);
        var hiresInput = (short)(inputValue * (1 << 7));
        var preshiftOutput = RoundingDoublingHighMul(hiresInput, OutputMultiplier);
        var reluish = hiresInput;
        if (ReluishExponent > 0) reluish = SaturatingLeftShift(reluish, ReluishExponent - 1);
        reluish = RoundingDoublingHighMul(reluish, ReluishMultiplier);
        if (ReluishExponent > 0) reluish = SaturatingLeftShift(reluish, 1);
        if (ReluishExponent < 0) reluish = RoundingDivideByPowerOfTwo(reluish, -ReluishExponent);
        reluish = (short)((reluish + (1 << 15)) >> 1); // [-1, 1] -> [0, 1]
        var preshiftOutputValue = DoublingHighMul(reluish, preshiftOutput);
        var outputValue = RoundingDivideByPowerOfTwo(preshiftOutputValue, -OutputExponent);
        outputValue = unchecked((short)(outputValue + OutputZeroPoint));
        return Math.Clamp((int)outputValue, sbyte.MinValue, sbyte.MaxValue);
    }

    /// <summary>TFLite's DownScaleInt32ToInt16Multiplier: a Q31 multiplier rounded to Q15, saturating near one.</summary>
    public static short DownScaleToInt16(int multiplier)
    {
        const int roundingOffset = 1 << 15;
        if (multiplier >= int.MaxValue - roundingOffset) return short.MaxValue;
        return (short)((multiplier + roundingOffset) >> 16);
    }

    /// <summary>gemmlowp's int16 SaturatingRoundingDoublingHighMul: round(a * b / 2^15), ties toward +infinity.</summary>
    public static short RoundingDoublingHighMul(short a, short b)
    {
        if (a == short.MinValue && b == short.MinValue) return short.MaxValue;
        var product = a * b;
        var nudge = product >= 0 ? 1 << 14 : 1 - (1 << 14);
        return unchecked((short)((product + nudge) / (1 << 15)));
    }

    /// <summary>TFLite's SaturatingDoublingHighMul: a * b / 2^15 truncated toward zero (no rounding).</summary>
    public static short DoublingHighMul(short a, short b)
    {
        if (a == short.MinValue && b == short.MinValue) return short.MaxValue;
        return unchecked((short)(a * b / (1 << 15)));
    }

    /// <summary>value * 2^amount saturated to int16.</summary>
    public static short SaturatingLeftShift(short value, int amount) =>
        (short)Math.Clamp((long)value * (1L << amount), short.MinValue, short.MaxValue);

    /// <summary>gemmlowp's RoundingDivideByPOT on int16: the mask and threshold live in int16 too.</summary>
    public static short RoundingDivideByPowerOfTwo(short x, int exponent)
    {
        var mask = unchecked((short)((1L << exponent) - 1));
        var remainder = (short)(x & mask);
        var threshold = unchecked((short)((mask >> 1) + (x < 0 ? 1 : 0)));
        return unchecked((short)((x >> exponent) + (remainder > threshold ? 1 : 0)));
    }
}
