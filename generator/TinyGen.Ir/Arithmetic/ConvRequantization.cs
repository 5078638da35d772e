using System.Collections.Immutable;

namespace TinyGen.Arithmetic;

/// <summary>
/// Per-output-channel requantization of a convolution or fully connected layer:
/// M[c] = input_scale * weight_scale[c] / output_scale, in double as TFLite computes it.
/// A per-tensor weight scale gives one multiplier repeated for every channel.
/// </summary>
public static class ConvRequantization
{
    public static ImmutableArray<QuantizedMultiplier> PerChannel(float inputScale, IReadOnlyList<float> weightScales, float outputScale, int channels)
    {
        if (weightScales.Count != 1 && weightScales.Count != channels)
            throw new ArgumentException($"{weightScales.Count} weight scales for {channels} output channels");
        return Enumerable.Range(0, channels)
            .Select(c => QuantizedMultiplier.From((double)inputScale * weightScales[weightScales.Count == 1 ? 0 : c] / outputScale))
            .ToImmutableArray();
    }
}
