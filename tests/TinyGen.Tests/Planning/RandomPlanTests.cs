using System.Collections.Immutable;
using TinyGen.Planning;

namespace TinyGen.Tests.Planning;

/// <summary>
/// Hundreds of random graphs with views, overwrites, slow in-place kernels and scratch, planned with
/// random options. Each plan is checked by <see cref="ArenaPlanChecker"/> and, independently of the
/// planner's code, from the definitions: the order is topological, and two tensors that share a byte
/// while both are live are either views of each other or the input an op wrote over at the one step
/// where the input dies and the output is born.
/// </summary>
public class RandomPlanTests
{
    [Fact]
    public void Random_graphs_never_share_bytes_between_live_tensors_except_in_place_where_the_input_dies()
    {
        var random = new Random(20261122);
        for (var trial = 0; trial < 300; trial++)
        {
            var problem = RandomProblem(random);
            var options = new PlannerOptions
            {
                Alignment = random.Next(2) == 0 ? 4 : 16,
                OptionalInPlace = (InPlacePolicy)random.Next(3),
                Reorder = random.Next(4) != 0,
                SearchLimit = random.Next(2) == 0 ? 0 : ArenaPlacement.DefaultSearchLimit,
            };
            var plan = new MemoryPlanner(options).Plan(problem);
            var context = $"trial {trial} ({problem.Steps.Length} steps, {options})";

            Assert.True(ArenaPlanChecker.FindProblems(plan).Count == 0, context + ": " + string.Join("; ", ArenaPlanChecker.FindProblems(plan)));
            Assert.True(plan.LowerBound <= plan.TotalBytes, context);
            var order = plan.Steps.Select(s => s.Op).ToList();
            AssertTopological(problem, order, context);
            AssertOnlyLegalSharing(problem, plan, order, context);
            if (trial % 10 == 0) Assert.Equal(plan, new MemoryPlanner(options).Plan(problem));
        }
    }

    [Fact]
    public void Placement_search_finds_the_smallest_arena_on_small_problems()
    {
        // Oracle: every combination of offsets on the alignment grid, depth first.
        var random = new Random(77);
        for (var trial = 0; trial < 60; trial++)
        {
            var count = random.Next(2, 6);
            var intervals = Enumerable.Range(0, count).Select(i =>
            {
                var first = random.Next(4);
                return new StorageInterval($"b{i}", [$"b{i}"], 4 * random.Next(1, 6) - random.Next(3), first, first + random.Next(3));
            }).ToList();
            var placement = ArenaPlacement.Best(intervals, 4);
            Assert.Equal(BruteForceArena(intervals, 4), placement.TotalBytes);
        }
    }

    [Fact]
    public void Placement_search_finds_the_smallest_arena_for_blocks_that_shrink()
    {
        // Blocks written over by smaller outputs hold fewer bytes later in their life: random staircases
        // anchored at the block's start, against the same exhaustive oracle checking every common step.
        var random = new Random(2026);
        for (var trial = 0; trial < 60; trial++)
        {
            var intervals = Enumerable.Range(0, random.Next(2, 6)).Select(i =>
            {
                var first = random.Next(4);
                var runs = Enumerable.Range(0, random.Next(1, 4)).Select(r => (long)(4 * random.Next(1, 6) - random.Next(3))).ToList();
                var profile = runs.Select((size, r) => new SizeRun(first + r, first + r, size)).ToImmutableArray();
                return new StorageInterval($"b{i}", [$"b{i}"], runs.Max(), first, first + runs.Count - 1) { Profile = profile };
            }).ToList();
            var placement = ArenaPlacement.Best(intervals, 4);
            var offsets = placement.Offsets;
            for (var a = 0; a < intervals.Count; a++)
            for (var b = a + 1; b < intervals.Count; b++)
            for (var step = 0; step < 8; step++)
            {
                var (ra, rb) = (intervals[a].RunAt(step), intervals[b].RunAt(step));
                Assert.False(ra.Bytes > 0 && rb.Bytes > 0 && offsets[a] + ra.Start < offsets[b] + rb.End && offsets[b] + rb.Start < offsets[a] + ra.End,
                    $"trial {trial}: b{a} and b{b} collide at step {step}");
            }
            Assert.Equal(BruteForceArena(intervals, 4), placement.TotalBytes);
        }
    }

    private static long BruteForceArena(List<StorageInterval> intervals, int alignment)
    {
        var limit = intervals.Sum(i => (i.Size + alignment - 1) / alignment * alignment);
        var offsets = new long[intervals.Count];
        var best = long.MaxValue;
        void Place(int k, long end)
        {
            if (end >= best) return;
            if (k == intervals.Count)
            {
                best = end;
                return;
            }
            for (long offset = 0; offset + intervals[k].Size <= limit; offset += alignment)
            {
                var clash = false;
                for (var j = 0; j < k && !clash; j++)
                for (var step = Math.Max(intervals[j].FirstStep, intervals[k].FirstStep); step <= Math.Min(intervals[j].LastStep, intervals[k].LastStep) && !clash; step++)
                {
                    var (rj, rk) = (intervals[j].RunAt(step), intervals[k].RunAt(step));
                    clash = rj.Bytes > 0 && rk.Bytes > 0 && offset + rk.Start < offsets[j] + rj.End && offsets[j] + rj.Start < offset + rk.End;
                }
                if (clash) continue;
                offsets[k] = offset;
                Place(k + 1, Math.Max(end, offset + intervals[k].Size));
            }
        }
        Place(0, 0);
        return best;
    }

    private static void AssertTopological(MemoryProblem problem, List<int> order, string context)
    {
        Assert.Equal(Enumerable.Range(0, problem.Steps.Length), order.Order());
        var available = new HashSet<string>(problem.Inputs);
        foreach (var step in order.Select(i => problem.Steps[i]))
        {
            Assert.True(step.Reads.All(available.Contains), $"{context}: {step.Label} runs before its inputs exist");
            available.UnionWith(step.Writes);
        }
    }

    private static void AssertOnlyLegalSharing(MemoryProblem problem, ArenaPlan plan, List<int> order, string context)
    {
        // Each tensor's own life, from the definitions.
        var first = new Dictionary<string, int>();
        var last = new Dictionary<string, int>();
        foreach (var input in problem.Inputs) first[input] = 0;
        for (var p = 0; p < order.Count; p++)
        {
            foreach (var r in problem.Steps[order[p]].Reads) last[r] = p;
            foreach (var w in problem.Steps[order[p]].Writes) first[w] = p;
        }
        foreach (var t in first.Keys) last.TryAdd(t, first[t]);
        foreach (var o in problem.Outputs) last[o] = order.Count - 1;

        // Tensors joined by a view share identical bytes for as long as both live.
        var viewOf = new Dictionary<string, string>();
        string ViewRoot(string t) => viewOf.TryGetValue(t, out var up) ? ViewRoot(up) : t;
        foreach (var step in plan.Steps.Where(s => s.InPlace is { Kind: InPlaceKind.View }))
            viewOf[step.InPlace!.Output] = ViewRoot(step.InPlace.Input);

        var names = first.Keys.Order().ToList();
        foreach (var a in names)
        foreach (var b in names)
        {
            if (string.CompareOrdinal(a, b) >= 0 || problem.Sizes[a] == 0 || problem.Sizes[b] == 0) continue;
            var (ba, bb) = (plan[a], plan[b]);
            var bytesShared = ba.Offset < bb.End && bb.Offset < ba.End;
            var lifeShared = first[a] <= last[b] && first[b] <= last[a];
            if (!bytesShared || !lifeShared || ViewRoot(a) == ViewRoot(b)) continue;
            // Otherwise: one was written over the other at the single step they share.
            var bBornLater = first[a] < first[b] || (first[a] == first[b] && problem.Inputs.Contains(a));
            var (dying, born) = bBornLater ? (a, b) : (b, a);
            var p = first[born];
            Assert.True(last[dying] == p, $"{context}: '{dying}' [{first[dying]}..{last[dying]}] and '{born}' [{first[born]}..{last[born]}] share bytes");
            Assert.False(problem.Outputs.Contains(dying), $"{context}: graph output '{dying}' [{first[dying]}..{last[dying]}] shares bytes with '{born}' [{first[born]}..{last[born]}]; steps {string.Join(", ", plan.Steps)}");
            var taken = plan.Steps[p].InPlace;
            Assert.True(taken is { Kind: InPlaceKind.Overwrite or InPlaceKind.SlowOverwrite } && ViewRoot(taken.Output) == ViewRoot(born),
                $"{context}: '{born}' overlaps '{dying}' at step {p} without an in-place choice there");
            Assert.True(problem.Steps[order[p]].Reads.Contains(taken!.Input) && problem.Steps[order[p]].InPlace.Contains(taken), $"{context}: {taken} is not an option of the step");
            // An output no larger than its input starts where the input does; a wider one starts at least
            // its extra bytes below the input (the in-place 1x1 kernel's contract).
            var (input, output) = (plan[taken.Input], plan[taken.Output]);
            if (problem.Sizes[taken.Output] <= problem.Sizes[taken.Input]) Assert.Equal(input.Offset, output.Offset);
            else Assert.True(taken.Kind == InPlaceKind.SlowOverwrite && input.Offset - output.Offset >= problem.Sizes[taken.Output] - problem.Sizes[taken.Input],
                $"{context}: {taken} places the input at {input.Offset}..{input.End}, the output at {output.Offset}..{output.End}");
        }

        // Scratch lives at its own step and nowhere else.
        foreach (var scratch in plan.Buffers.Where(b => b.Kind == BufferKind.Scratch))
            Assert.Equal(scratch.FirstStep, scratch.LastStep);
    }

    private static MemoryProblem RandomProblem(Random random)
    {
        var sizes = new Dictionary<string, long>();
        var inputs = new List<string>();
        var available = new List<string>();
        var steps = new List<MemoryStep>();
        for (var i = 0; i < random.Next(1, 4); i++)
        {
            sizes[$"in{i}"] = random.Next(1, 300);
            inputs.Add($"in{i}");
            available.Add($"in{i}");
        }
        var count = random.Next(1, 22);
        for (var k = 0; k < count; k++)
        {
            var output = $"t{k}";
            var reads = Enumerable.Range(0, random.Next(1, 3)).Select(_ => available[random.Next(available.Count)]).Distinct().ToImmutableArray();
            var source = reads[0];
            long size = random.Next(1, 300);
            var options = ImmutableArray<InPlaceOption>.Empty;
            switch (random.Next(5))
            {
                case 0:
                    size = sizes[source];
                    options = [new InPlaceOption(InPlaceKind.View, source, output)];
                    reads = [source];
                    break;
                case 1:
                    size = Math.Min(size, sizes[source]);
                    options = [new InPlaceOption(InPlaceKind.Overwrite, source, output)];
                    break;
                case 2:
                    // slow in-place kernels may also widen (the 1x1 convolution with more output channels)
                    if (random.Next(2) == 0) size = Math.Min(size, sizes[source]);
                    options = [new InPlaceOption(InPlaceKind.SlowOverwrite, source, output, random.Next(0, 40))];
                    break;
            }
            sizes[output] = size;
            var scratch = random.Next(4) == 0 ? random.Next(1, 120) : 0;
            steps.Add(new MemoryStep($"s{k}", reads, [output], scratch, options));
            available.Add(output);
        }
        var produced = available.Skip(inputs.Count).ToList();
        var outputs = produced.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToImmutableArray();
        return new MemoryProblem("random", sizes.ToImmutableDictionary(), [.. inputs], outputs, [.. steps]);
    }
}
