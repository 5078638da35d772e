using System.Collections.Immutable;

namespace TinyGen.Planning;

/// <summary>Offsets for a list of storage intervals (parallel to it), the arena they need and the strategy that found them.</summary>
public sealed record Placement(ImmutableArray<long> Offsets, long TotalBytes, string Strategy);

/// <summary>
/// Places storage intervals (lifetime x bytes shapes: rectangles, or blocks that hold only part of
/// their bytes for part of their life, <see cref="StorageInterval.Profile"/>) in one arena. First fit
/// puts each interval, in a given order, at the lowest aligned offset where it does not intersect an
/// already placed interval at a common step (inclusive ends: equal lifetimes conflict). Several orders
/// are tried (TFLM's and TinyEngine's greedy-by-size, and by lifetime length, first use and area); on
/// small problems a branch-and-bound search over all insertion orders follows. For shapes that hold
/// their bytes from the block's start (rectangles, blocks that shrink), first fit in the order of an
/// optimal placement's offsets puts every block at or below its optimal offset, so the search is
/// exact when it finishes; it is cut off after a fixed number of placements so that planning stays
/// fast and deterministic.
/// </summary>
public static class ArenaPlacement
{
    public const int DefaultSearchLimit = 12;
    public const int SearchNodeBudget = 5_000;

    public static Placement Best(IReadOnlyList<StorageInterval> intervals, int alignment, int searchLimit = DefaultSearchLimit)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "alignment must be a positive power of two");
        var all = Enumerable.Range(0, intervals.Count).ToList();
        var orders = new (string Name, IEnumerable<int> Order)[]
        {
            ("greedy by size", all.OrderByDescending(i => intervals[i].Size).ThenBy(i => intervals[i].FirstStep)),
            ("greedy by lifetime", all.OrderByDescending(i => intervals[i].Length).ThenByDescending(i => intervals[i].Size)),
            ("greedy by first use", all.OrderBy(i => intervals[i].FirstStep).ThenByDescending(i => intervals[i].Size)),
            ("greedy by area", all.OrderByDescending(i => intervals[i].Size * intervals[i].Length).ThenBy(i => intervals[i].FirstStep)),
        };
        Placement? best = null;
        foreach (var (name, order) in orders)
        {
            var offsets = FirstFit(intervals, order.ToList(), alignment);
            var total = Total(intervals, offsets);
            if (best is null || total < best.TotalBytes) best = new Placement(offsets.ToImmutableArray(), total, name);
        }
        var placeable = all.Where(i => intervals[i].Size > 0).ToList();
        if (placeable.Count > 1 && placeable.Count <= searchLimit && best!.TotalBytes > Bound(intervals))
        {
            var searched = new OrderSearch(intervals, placeable, alignment, best.TotalBytes).Run();
            if (searched is { } s && Total(intervals, s) < best.TotalBytes)
                best = new Placement(s.ToImmutableArray(), Total(intervals, s), "branch and bound");
        }
        return best ?? new Placement([], 0, "empty");
    }

    /// <summary>First fit in the given order; intervals left out of <paramref name="order"/> get offset 0.</summary>
    public static long[] FirstFit(IReadOnlyList<StorageInterval> intervals, IReadOnlyList<int> order, int alignment)
    {
        var offsets = new long[intervals.Count];
        var placed = new List<int>();
        foreach (var i in order)
        {
            offsets[i] = LowestFit(intervals, placed, offsets, i, alignment);
            placed.Add(i);
        }
        return offsets;
    }

    /// <summary>
    /// The lowest aligned offset where interval <paramref name="i"/> misses every placed interval at
    /// every common step, each at the bytes it holds then (a block may hold only its top bytes early in
    /// its life, or only its bottom ones late).
    /// </summary>
    private static long LowestFit(IReadOnlyList<StorageInterval> intervals, List<int> placed, long[] offsets, int i, int alignment)
    {
        var candidate = intervals[i];
        if (candidate.Size == 0) return 0;
        // Each pair of runs live at a common step: the placed one's absolute bytes, the candidate's relative ones.
        var conflicts = new List<(long Start, long End, long MineStart, long MineEnd)>(placed.Count);
        foreach (var j in placed)
        {
            var other = intervals[j];
            if (other.Size == 0 || !other.Overlaps(candidate)) continue;
            foreach (var mine in candidate.Runs)
            foreach (var theirs in other.Runs)
                if (mine.Bytes > 0 && theirs.Bytes > 0 && mine.Overlaps(theirs))
                    conflicts.Add((offsets[j] + theirs.Start, offsets[j] + theirs.End, mine.Start, mine.End));
        }
        conflicts.Sort();
        // Walk the conflicting blocks by offset; each one the candidate hits pushes it just past that block.
        // Runs of different extents can make an earlier block collide again after a push: walk until none does.
        var offset = 0L;
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var (start, end, mineStart, mineEnd) in conflicts)
            {
                if (offset + mineEnd > start && end > offset + mineStart)
                {
                    offset = AlignUp(end - mineStart, alignment);
                    moved = true;
                }
            }
        }
        return offset;
    }

    private static long Total(IReadOnlyList<StorageInterval> intervals, IReadOnlyList<long> offsets) =>
        Enumerable.Range(0, intervals.Count).Select(i => intervals[i].Size == 0 ? 0 : offsets[i] + intervals[i].Size).DefaultIfEmpty(0).Max();

    /// <summary>No arena is smaller than the most bytes live at one step, nor than its largest block.</summary>
    private static long Bound(IReadOnlyList<StorageInterval> intervals)
    {
        if (intervals.Count == 0) return 0;
        var steps = intervals.Max(i => i.LastStep) + 1;
        var live = new long[steps];
        foreach (var interval in intervals)
            foreach (var run in interval.Runs)
                for (var s = run.FirstStep; s <= run.LastStep; s++) live[s] += run.Bytes;
        return Math.Max(live.Max(), intervals.Max(i => i.Size));
    }

    private static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    /// <summary>Depth-first over insertion orders, first fit for each, pruned by the best arena found so far.</summary>
    private sealed class OrderSearch(IReadOnlyList<StorageInterval> intervals, List<int> placeable, int alignment, long incumbent)
    {
        private readonly long bound = Bound(intervals);
        private readonly long[] offsets = new long[intervals.Count];
        private readonly List<int> placed = [];
        private long[]? best;
        private long bestTotal = incumbent;
        private int nodes;

        public long[]? Run()
        {
            Descend(0);
            return best;
        }

        private void Descend(long end)
        {
            if (nodes > SearchNodeBudget || bestTotal <= bound) return;
            if (placed.Count == placeable.Count)
            {
                if (end < bestTotal)
                {
                    bestTotal = end;
                    best = (long[])offsets.Clone();
                }
                return;
            }
            foreach (var i in placeable.Where(i => !placed.Contains(i)).OrderByDescending(i => intervals[i].Size))
            {
                if (++nodes > SearchNodeBudget) return;
                var offset = LowestFit(intervals, placed, offsets, i, alignment);
                var newEnd = Math.Max(end, offset + intervals[i].Size);
                if (newEnd >= bestTotal) continue;
                offsets[i] = offset;
                placed.Add(i);
                Descend(newEnd);
                placed.RemoveAt(placed.Count - 1);
                offsets[i] = 0;
            }
        }
    }
}
