using System.Collections.Immutable;

namespace TinyGen.Planning;

/// <summary>
/// The planner's answer: the execution order (<see cref="Steps"/>), a placement for every activation
/// tensor and kernel scratch, the arena size that holds them, and the lower bound no placement of
/// these lifetimes can beat (the most bytes live at any one step, scratch included).
/// </summary>
public sealed record ArenaPlan(ImmutableArray<ArenaBuffer> Buffers, long TotalBytes, long LowerBound, int Alignment, int StepCount)
{
    /// <summary>The order the ops run in, with in-place choices; empty for a plan that keeps the graph's order without in-place.</summary>
    public ImmutableArray<PlannedStep> Steps { get; init; } = [];

    /// <summary>How the offsets were found (e.g. "greedy by size").</summary>
    public string Placement { get; init; } = "";

    /// <summary>How far the arena is above the lower bound, in percent of the bound.</summary>
    public double GapPercent => LowerBound == 0 ? 0 : 100.0 * (TotalBytes - LowerBound) / LowerBound;

    public ArenaBuffer this[string tensorName] =>
        Buffers.FirstOrDefault(b => b.Kind == BufferKind.Tensor && b.TensorName == tensorName) ?? throw new KeyNotFoundException($"tensor '{tensorName}' is not in the arena plan");

    public bool Contains(string tensorName) => Buffers.Any(b => b.Kind == BufferKind.Tensor && b.TensorName == tensorName);

    /// <summary>The scratch buffer of the op at execution position <paramref name="step"/>, if its kernel needs one.</summary>
    public ArenaBuffer? ScratchAt(int step) => Buffers.FirstOrDefault(b => b.Kind == BufferKind.Scratch && b.FirstStep == step);

    public bool Equals(ArenaPlan? other) =>
        other is not null && TotalBytes == other.TotalBytes && LowerBound == other.LowerBound && Alignment == other.Alignment &&
        StepCount == other.StepCount && Buffers.SequenceEqual(other.Buffers) && Steps.SequenceEqual(other.Steps) && Placement == other.Placement;

    public override int GetHashCode() => HashCode.Combine(TotalBytes, LowerBound, Buffers.Length);
}
