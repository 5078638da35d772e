namespace TinyGen.Arithmetic;

/// <summary>
/// TFLite Micro's int8 MEAN (reference_ops::QuantizedMeanOrSum, the path it takes for every int8
/// MEAN): the int32 sum of (x - zp_in) over the reduced elements times the input/output scale ratio
/// divided by the element count, out = clamp(MBQM(sum, m, s) + zp_out). The division is folded into
/// the multiplier: with k = min(floor(log2(count)), 32, 31 + shift), m = (m_ratio * 2^k) / count
/// (integer division, truncating) and s = shift_ratio - k.
/// </summary>
public static class MeanRequantization
{
    public static QuantizedMultiplier For(float inputScale, float outputScale, long count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "a mean needs at least one element");
        var ratio = QuantizedMultiplier.From((double)inputScale / outputScale);
        var shift = 63 - (int)long.LeadingZeroCount(count);
        shift = Math.Min(shift, 32);
        shift = Math.Min(shift, 31 + ratio.Shift);
        var multiplier = ((long)ratio.Multiplier << shift) / count;
        return new QuantizedMultiplier((int)multiplier, ratio.Shift - shift);
    }

    public static int Apply(int sumOfOffsetInputs, QuantizedMultiplier m, int outputZeroPoint) =>
        FixedPoint.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(sumOfOffsetInputs, m) + outputZeroPoint, sbyte.MinValue, sbyte.MaxValue);
}
