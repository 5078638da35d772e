namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// A Concat of graph inputs along an axis (default: channels of NCHW). Inputs get different scales and
/// zero points unless <see cref="SharedQuantization"/>, in which case inputs and output all share one.
/// </summary>
public sealed record ConcatSpec(IReadOnlyList<int[]> InputShapes)
{
    public int Axis { get; init; } = 1;
    public bool SharedQuantization { get; init; }
    public int Seed { get; init; } = 1;
}
