using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Planning;

/// <summary>
/// Greedy-by-size first fit: the largest blocks are placed first, each at the lowest aligned offset
/// that does not intersect any already placed block whose lifetime overlaps its own. Simple and
/// correct, not optimal; other strategies implement <see cref="IArenaPlanner"/> too.
/// </summary>
public sealed class GreedyBySizePlanner : IArenaPlanner
{
    public const int DefaultAlignment = 16;

    public GreedyBySizePlanner(int alignment = DefaultAlignment)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "alignment must be a positive power of two");
        Alignment = alignment;
    }

    public int Alignment { get; }

    public ArenaPlan Plan(Graph lowered)
    {
        var intervals = TensorLifetimes.Analyze(lowered);
        var offsets = Place(intervals);
        var buffers = intervals
            .SelectMany(i => i.Tensors.Select(t => new ArenaBuffer(t, offsets[i.Storage], lowered[t].SizeInBytes, i.FirstStep, i.LastStep, i.Storage)))
            .OrderBy(b => b.Offset).ThenBy(b => b.FirstStep).ThenBy(b => b.TensorName, StringComparer.Ordinal)
            .ToImmutableArray();
        var total = intervals.Length == 0 ? 0 : intervals.Max(i => AlignUp(offsets[i.Storage] + i.Size));
        return new ArenaPlan(buffers, total, TensorLifetimes.LowerBound(intervals), Alignment, lowered.Operations.Length);
    }

    private Dictionary<string, long> Place(ImmutableArray<StorageInterval> intervals)
    {
        var order = intervals
            .OrderByDescending(i => i.Size)
            .ThenBy(i => i.FirstStep)
            .ThenBy(i => i.Storage, StringComparer.Ordinal);
        var placed = new List<(StorageInterval Interval, long Offset)>();
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var interval in order)
        {
            var offset = 0L;
            // Walk the conflicting blocks by offset; each one that the candidate range hits pushes it past that block.
            foreach (var (other, otherOffset) in placed.Where(p => p.Interval.Overlaps(interval)).OrderBy(p => p.Offset))
            {
                if (other.Size == 0) continue;
                if (offset + interval.Size > otherOffset && otherOffset + other.Size > offset)
                    offset = AlignUp(otherOffset + other.Size);
            }
            placed.Add((interval, offset));
            offsets[interval.Storage] = offset;
        }
        return offsets;
    }

    private long AlignUp(long value) => (value + Alignment - 1) / Alignment * Alignment;
}
