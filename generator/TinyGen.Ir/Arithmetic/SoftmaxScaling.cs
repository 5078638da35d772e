namespace TinyGen.Arithmetic;

/// <summary>
/// TFLite's int8 softmax preparation: the input is scaled into a fixed-point number with
/// <see cref="ScaledDiffIntegerBits"/> integer bits (PreprocessSoftmaxScaling), and differences
/// from the row maximum below <see cref="DiffMin"/> contribute nothing (CalculateInputRadius).
/// </summary>
public sealed record SoftmaxScaling(int InputMultiplier, int InputLeftShift, int DiffMin)
{
    public const int ScaledDiffIntegerBits = 5;

    public static SoftmaxScaling For(float inputScale, float beta = 1f)
    {
        var realMultiplier = Math.Min((double)beta * inputScale * (1L << (31 - ScaledDiffIntegerBits)), (1L << 31) - 1.0);
        var m = QuantizedMultiplier.From(realMultiplier);
        if (m.Shift < 0) throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "softmax input scale too small for int8 softmax");
        var radius = GemmlowpFixedPoint.InputRadius(ScaledDiffIntegerBits, m.Shift);
        return new SoftmaxScaling(m.Multiplier, m.Shift, -radius);
    }
}
