namespace TinyGen.Arithmetic;

/// <summary>TFLite's int8 Mul: the product of the offset inputs times scale1 * scale2 / output_scale.</summary>
public static class MulRequantization
{
    public static QuantizedMultiplier For(float scale1, float scale2, float outputScale) =>
        QuantizedMultiplier.From((double)scale1 * scale2 / outputScale);
}
