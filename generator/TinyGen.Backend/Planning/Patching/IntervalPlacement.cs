using System.Collections.Immutable;

namespace TinyGen.Planning.Patching;

/// <summary>
/// Greedy-by-size first fit over storage intervals (one of the orders <see cref="ArenaPlacement"/> tries): largest first, each at the lowest aligned offset clear of every placed
/// block whose lifetime overlaps its own. The patched plans add blocks no graph tensor stands for.
/// </summary>
public static class IntervalPlacement
{
    public static Dictionary<string, long> Place(IEnumerable<StorageInterval> intervals, int alignment)
    {
        var placed = new List<(StorageInterval Interval, long Offset)>();
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var interval in intervals.OrderByDescending(i => i.Size).ThenBy(i => i.FirstStep).ThenBy(i => i.Storage, StringComparer.Ordinal))
        {
            var offset = 0L;
            foreach (var (other, otherOffset) in placed.Where(p => p.Interval.Overlaps(interval) && p.Interval.Size > 0).OrderBy(p => p.Offset))
                if (offset + interval.Size > otherOffset && otherOffset + other.Size > offset)
                    offset = AlignUp(otherOffset + other.Size, alignment);
            placed.Add((interval, offset));
            offsets[interval.Storage] = offset;
        }
        return offsets;
    }

    /// <summary>The arena size the placement of <paramref name="intervals"/> needs.</summary>
    public static long ArenaBytes(ImmutableArray<StorageInterval> intervals, int alignment)
    {
        if (intervals.IsEmpty) return 0;
        var offsets = Place(intervals, alignment);
        return intervals.Max(i => AlignUp(offsets[i.Storage] + i.Size, alignment));
    }

    public static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
