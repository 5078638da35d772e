namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// One 2-D convolution. Group 1 is a plain conv; Group = input channels with OutChannels = k * Group is a
/// depthwise conv with channel multiplier k (see <see cref="Depthwise"/>).
/// </summary>
/// <param name="InputShape">NCHW.</param>
public sealed record ConvSpec(int[] InputShape, int OutChannels)
{
    public Size2D Kernel { get; init; } = (3, 3);
    public Size2D Stride { get; init; } = (1, 1);
    public Size2D Dilation { get; init; } = (1, 1);
    public Padding2D Pads { get; init; } = Padding2D.None;
    public int Group { get; init; } = 1;

    /// <summary>One weight scale per output channel (axis 0) instead of one for the whole tensor.</summary>
    public bool PerChannel { get; init; } = true;

    public bool Bias { get; init; } = true;
    public ConvActivation Activation { get; init; } = ConvActivation.None;
    public int Seed { get; init; } = 1;

    /// <summary>A depthwise conv: one group per input channel, <paramref name="multiplier"/> outputs per group.</summary>
    public static ConvSpec Depthwise(int[] inputShape, int multiplier = 1) =>
        new(inputShape, inputShape[1] * multiplier) { Group = inputShape[1] };
}
