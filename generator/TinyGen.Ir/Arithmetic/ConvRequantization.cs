using System.Collections.Immutable;

namespace TinyGen.Arithmetic;

/// <summary>
/// Per-output-channel requantization of a convolution or fully connected layer:
/// M[c] = input_scale * weight_scale[c] / output_scale, in double as TFLite computes it.
/// A per-tensor weight scale gives one multiplier repeated for every channel. TFLite Micro
/// takes one path that differs: a fully connected layer with one weight scale
/// (GetQuantizedConvolutionMultipler in kernel_util.cc) multiplies the two scales in float
/// before it widens to double; <see cref="FullyConnected"/> does the same.
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

    /// <summary>
    /// A fully connected layer's multipliers: per-channel weights as <see cref="PerChannel"/>;
    /// one weight scale as TFLite Micro computes it, (double)(input_scale * weight_scale in
    /// float) / output_scale.
    /// </summary>
    public static ImmutableArray<QuantizedMultiplier> FullyConnected(float inputScale, IReadOnlyList<float> weightScales, float outputScale, int channels)
    {
        if (weightScales.Count != 1) return PerChannel(inputScale, weightScales, outputScale, channels);
        var productInFloat = (float)(inputScale * weightScales[0]);
        return [.. Enumerable.Repeat(QuantizedMultiplier.From((double)productInFloat / outputScale), channels)];
    }
}
