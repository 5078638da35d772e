namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// A MaxPool or AveragePool on an NCHW input. Output quantization equals the input's (as TFLite requires
/// for int8 pools), so the ops only move or average integers.
/// </summary>
public sealed record PoolSpec(PoolKind Kind, int[] InputShape)
{
    public Size2D Kernel { get; init; } = (2, 2);
    public Size2D Stride { get; init; } = (2, 2);
    public Padding2D Pads { get; init; } = Padding2D.None;

    /// <summary>AveragePool only: whether padded positions count in the divisor.</summary>
    public bool CountIncludePad { get; init; }

    public int Seed { get; init; } = 1;
}
