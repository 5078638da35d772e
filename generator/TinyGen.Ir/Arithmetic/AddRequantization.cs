namespace TinyGen.Arithmetic;

/// <summary>
/// TFLite's int8 Add parameters: both inputs are rescaled to a common scale of twice the larger
/// input scale, with 20 bits of headroom, added, then rescaled to the output.
/// </summary>
public sealed record AddRequantization(int LeftShift, QuantizedMultiplier Input1, QuantizedMultiplier Input2, QuantizedMultiplier Output)
{
    public const int Int8LeftShift = 20;

    public static AddRequantization For(float scale1, float scale2, float outputScale)
    {
        var twiceMaxInputScale = 2 * Math.Max((double)scale1, scale2);
        return new AddRequantization(
            Int8LeftShift,
            QuantizedMultiplier.From(scale1 / twiceMaxInputScale),
            QuantizedMultiplier.From(scale2 / twiceMaxInputScale),
            QuantizedMultiplier.From(twiceMaxInputScale / ((1 << Int8LeftShift) * (double)outputScale)));
    }
}
