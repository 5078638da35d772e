namespace TinyGen.Frontends.Onnx.Building;

/// <summary>A Transpose with an explicit permutation.</summary>
public sealed record TransposeSpec(int[] InputShape, int[] Perm)
{
    public int Seed { get; init; } = 1;
}
