using TinyGen.Ir;

namespace TinyGen.Arithmetic;

/// <summary>
/// The integer clamp of a fused activation for an int8 output, as TFLite derives it:
/// each finite real bound is quantized with round-half-away-from-zero and intersected with [-128, 127].
/// </summary>
public static class ActivationRange
{
    public static (int Min, int Max) ForInt8(FusedActivation activation, float scale, int zeroPoint)
    {
        var min = float.IsNegativeInfinity(activation.Min) ? sbyte.MinValue : Math.Max(sbyte.MinValue, QuantizeBound(activation.Min, scale, zeroPoint));
        var max = float.IsPositiveInfinity(activation.Max) ? sbyte.MaxValue : Math.Min(sbyte.MaxValue, QuantizeBound(activation.Max, scale, zeroPoint));
        return (min, Math.Max(min, max));
    }

    private static int QuantizeBound(float value, float scale, int zeroPoint)
    {
        // float division, as TFLite's CalculateActivationRangeQuantized does it
        var q = zeroPoint + (double)MathF.Round(value / scale, MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(q, int.MinValue / 2, int.MaxValue / 2);
    }
}
