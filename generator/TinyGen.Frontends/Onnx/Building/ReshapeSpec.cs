namespace TinyGen.Frontends.Onnx.Building;

/// <summary>A Reshape; TargetShape may use ONNX's 0 (copy dimension) and -1 (infer).</summary>
public sealed record ReshapeSpec(int[] InputShape, long[] TargetShape)
{
    public int Seed { get; init; } = 1;
}
