namespace TinyGen.Frontends.Onnx.Building;

/// <summary>A Flatten to [prod(dims before Axis), prod(dims from Axis)].</summary>
public sealed record FlattenSpec(int[] InputShape)
{
    public int Axis { get; init; } = 1;
    public int Seed { get; init; } = 1;
}
