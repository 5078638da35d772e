using System.Collections.Immutable;

namespace TinyGen.Planning;

/// <summary>
/// The planner's answer: a placement for every activation tensor, the arena size that holds them,
/// and the lower bound no placement can beat (the most bytes live at any one step).
/// </summary>
public sealed record ArenaPlan(ImmutableArray<ArenaBuffer> Buffers, long TotalBytes, long LowerBound, int Alignment, int StepCount)
{
    public ArenaBuffer this[string tensorName] =>
        Buffers.FirstOrDefault(b => b.TensorName == tensorName) ?? throw new KeyNotFoundException($"tensor '{tensorName}' is not in the arena plan");

    public bool Contains(string tensorName) => Buffers.Any(b => b.TensorName == tensorName);

    public bool Equals(ArenaPlan? other) =>
        other is not null && TotalBytes == other.TotalBytes && LowerBound == other.LowerBound && Alignment == other.Alignment &&
        StepCount == other.StepCount && Buffers.SequenceEqual(other.Buffers);

    public override int GetHashCode() => HashCode.Combine(TotalBytes, LowerBound, Buffers.Length);
}
