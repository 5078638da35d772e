namespace TinyGen.Arithmetic;

/// <summary>
/// TFLite Micro's int8 Sub parameters (CalculateOpDataSub): Add's scheme — both inputs rescaled
/// to twice the larger input scale with 20 bits of headroom — but every real multiplier is divided
/// in float, not double, so the Q31 multipliers can differ from Add's in the last bit.
/// </summary>
public static class SubRequantization
{
    public static AddRequantization For(float scale1, float scale2, float outputScale)
    {
        var twiceMaxInputScale = 2 * Math.Max(scale1, scale2);
        return new AddRequantization(
            AddRequantization.Int8LeftShift,
            QuantizedMultiplier.From(scale1 / twiceMaxInputScale),
            QuantizedMultiplier.From(scale2 / twiceMaxInputScale),
            QuantizedMultiplier.From(twiceMaxInputScale / ((1 << AddRequantization.Int8LeftShift) * outputScale)));
    }
}
