using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>
/// Affine quantization: real = scale * (q - zeroPoint). One scale and zero point for the whole
/// tensor, or one per slice along <see cref="Axis"/> (per-channel weights).
/// </summary>
public sealed record Quantization
{
    public Quantization(ImmutableArray<float> scales, ImmutableArray<int> zeroPoints, int axis = -1)
    {
        if (scales.IsDefaultOrEmpty) throw new ArgumentException("a quantization needs at least one scale");
        if (zeroPoints.Length != scales.Length && zeroPoints.Length != 1)
            throw new ArgumentException($"{scales.Length} scales but {zeroPoints.Length} zero points");
        Scales = scales;
        ZeroPoints = zeroPoints.Length == scales.Length ? zeroPoints : Enumerable.Repeat(zeroPoints[0], scales.Length).ToImmutableArray();
        Axis = scales.Length == 1 ? -1 : axis;
    }

    public static Quantization PerTensor(float scale, int zeroPoint) => new([scale], [zeroPoint]);

    public ImmutableArray<float> Scales { get; }
    public ImmutableArray<int> ZeroPoints { get; }
    /// <summary>The channel axis for per-channel quantization; -1 when per-tensor.</summary>
    public int Axis { get; }

    public bool IsPerChannel => Scales.Length > 1;
    public float Scale => Scales[0];
    public int ZeroPoint => ZeroPoints[0];

    public Quantization WithAxis(int axis) => new(Scales, ZeroPoints, axis);
    public Quantization WithZeroPointShift(int delta) => new(Scales, ZeroPoints.Select(z => z + delta).ToImmutableArray(), Axis);

    public bool Equals(Quantization? other) =>
        other is not null && Axis == other.Axis && Scales.SequenceEqual(other.Scales) && ZeroPoints.SequenceEqual(other.ZeroPoints);

    public override int GetHashCode() => HashCode.Combine(Axis, Scales.Length, Scales[0], ZeroPoints[0]);

    public override string ToString() => IsPerChannel
        ? $"per-channel(axis {Axis}, {Scales.Length} scales, zp {ZeroPoints[0]})"
        : $"scale {Scale:G6}, zp {ZeroPoint}";
}
