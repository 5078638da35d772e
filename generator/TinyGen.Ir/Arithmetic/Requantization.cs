namespace TinyGen.Arithmetic;

/// <summary>
/// Int8 → int8 rescale (TFLite's Quantize kernel on integer input):
/// out = clamp(MultiplyByQuantizedMultiplier(x - zp_in, s_in / s_out) + zp_out).
/// </summary>
public static class Requantization
{
    public static QuantizedMultiplier For(float inputScale, float outputScale) =>
        QuantizedMultiplier.From((double)inputScale / outputScale);

    public static int Apply(int x, int inputZeroPoint, QuantizedMultiplier m, int outputZeroPoint, int min, int max) =>
        FixedPoint.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(x - inputZeroPoint, m) + outputZeroPoint, min, max);
}
