namespace TinyGen.Frontends.Onnx.Building;

/// <summary>A GlobalAveragePool on an NCHW input; output [N, C, 1, 1] with the input's quantization.</summary>
public sealed record GlobalAveragePoolSpec(int[] InputShape)
{
    public int Seed { get; init; } = 1;
}
