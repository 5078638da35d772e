using System.Collections.Immutable;

namespace TinyGen.Planning;

/// <summary>
/// Candidate execution orders for a graph with branches, where the order decides which tensors are
/// live together (run the branch that frees the most memory first). The candidates are the graph's
/// own order, the order with the lowest possible peak of live bytes (a bottleneck-shortest-path
/// search over the sets of steps already run, exact for the estimate below, abandoned when the
/// graph has too many such sets), and a greedy list schedule that always runs the ready step
/// leaving the fewest bytes live. The planner lays out each and keeps the best arena.
/// The estimate counts bytes per tensor, with in-place outputs counted inside their input at the step
/// that writes them; the exact figure comes from <see cref="TensorLifetimes"/> on the chosen order.
/// </summary>
public static class ExecutionOrder
{
    public const int DefaultStateLimit = 5_000;

    /// <summary>Sets of steps are kept in 128 bits; longer graphs keep their own order.</summary>
    public const int MaxSearchedSteps = 128;

    public static ImmutableArray<ImmutableArray<int>> Candidates(MemoryProblem problem, int stateLimit = DefaultStateLimit)
    {
        var candidates = new List<ImmutableArray<int>> { Enumerable.Range(0, problem.Steps.Length).ToImmutableArray() };
        if (problem.Steps.Length > MaxSearchedSteps) return [.. candidates];
        var model = new LiveBytesModel(problem);
        if (model.HasChoice)
        {
            if (LowestPeak(model, stateLimit) is { } best) candidates.Add(best);
            candidates.Add(GreedyList(model));
        }
        return candidates.DistinctBy(o => string.Join(",", o)).ToImmutableArray();
    }

    /// <summary>Minimises the largest step estimate over all topological orders (Dijkstra on the bottleneck), or null past the state limit.</summary>
    private static ImmutableArray<int>? LowestPeak(LiveBytesModel model, int stateLimit)
    {
        var n = model.StepCount;
        var all = n == MaxSearchedSteps ? UInt128.MaxValue : ((UInt128)1 << n) - 1;
        var best = new Dictionary<UInt128, long> { [(UInt128)0] = 0 };
        var parent = new Dictionary<UInt128, (UInt128 Previous, int Step)>();
        var done = new HashSet<UInt128>();
        var queue = new PriorityQueue<UInt128, (long Peak, int Remaining)>();
        queue.Enqueue((UInt128)0, (0, n));
        while (queue.TryDequeue(out var state, out var priority))
        {
            if (!done.Add(state)) continue;
            if (state == all) break;
            if (done.Count > stateLimit) return null;
            for (var step = 0; step < n; step++)
            {
                if (!model.IsReady(state, step)) continue;
                var next = state | ((UInt128)1 << step);
                var peak = Math.Max(priority.Peak, model.LiveBytes(state, step));
                if (best.TryGetValue(next, out var known) && known <= peak) continue;
                best[next] = peak;
                parent[next] = (state, step);
                queue.Enqueue(next, (peak, priority.Remaining - 1));
            }
        }
        if (!parent.ContainsKey(all)) return null;
        var order = new List<int>();
        for (var s = all; s != (UInt128)0; s = parent[s].Previous) order.Add(parent[s].Step);
        order.Reverse();
        return order.ToImmutableArray();
    }

    /// <summary>Runs, among the ready steps, the one with the smallest estimate (ties: the earliest in the graph).</summary>
    private static ImmutableArray<int> GreedyList(LiveBytesModel model)
    {
        var state = (UInt128)0;
        var order = new List<int>();
        for (var k = 0; k < model.StepCount; k++)
        {
            var choice = Enumerable.Range(0, model.StepCount)
                .Where(s => model.IsReady(state, s))
                .MinBy(s => (model.LiveBytes(state, s) - model.FreedBytes(state, s), s));
            order.Add(choice);
            state |= (UInt128)1 << choice;
        }
        return order.ToImmutableArray();
    }

    /// <summary>The per-step byte estimate for a set of steps already run.</summary>
    private sealed class LiveBytesModel
    {
        private readonly MemoryProblem problem;
        private readonly string[] tensors;
        private readonly Dictionary<string, int> index;
        private readonly int[] producer;              // step writing each tensor, -1 for graph inputs
        private readonly List<int>[] readers;
        private readonly bool[] isOutput;
        private readonly UInt128[] predecessors;   // steps each step waits for
        private readonly UInt128[] readerSets;     // steps reading each tensor
        private readonly long[] sizes;

        public LiveBytesModel(MemoryProblem problem)
        {
            this.problem = problem;
            tensors = problem.Sizes.Keys.Order(StringComparer.Ordinal).ToArray();
            index = tensors.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
            producer = Enumerable.Repeat(-1, tensors.Length).ToArray();
            readers = tensors.Select(_ => new List<int>()).ToArray();
            isOutput = tensors.Select(t => problem.Outputs.Contains(t)).ToArray();
            var steps = problem.Steps;
            for (var s = 0; s < steps.Length; s++)
            {
                foreach (var w in steps[s].Writes) producer[index[w]] = s;
                foreach (var r in steps[s].Reads) readers[index[r]].Add(s);
            }
            predecessors = steps.Select(step => step.Reads
                .Select(r => producer[index[r]])
                .Where(p => p >= 0)
                .Aggregate((UInt128)0, (acc, p) => acc | Bit(p))).ToArray();
            readerSets = readers.Select(list => list.Aggregate((UInt128)0, (acc, r) => acc | Bit(r))).ToArray();
            sizes = tensors.Select(t => problem.Sizes[t]).ToArray();
            HasChoice = Enumerable.Range(1, Math.Max(0, steps.Length - 1)).Any(s => ((predecessors[s] >> (s - 1)) & 1) == 0);
        }

        public int StepCount => problem.Steps.Length;

        private static UInt128 Bit(int step) => (UInt128)1 << step;

        /// <summary>False for a chain (each step needs the one before): it has one order only.</summary>
        public bool HasChoice { get; }

        public bool IsReady(UInt128 done, int step) =>
            ((done >> step) & 1) == 0 && (predecessors[step] & done) == predecessors[step];

        /// <summary>Bytes live while <paramref name="step"/> runs after the steps in <paramref name="done"/>, plus its scratch.</summary>
        public long LiveBytes(UInt128 done, int step)
        {
            var s = problem.Steps[step];
            long bytes = 0;
            var pending = ~done;
            for (var t = 0; t < tensors.Length; t++)
            {
                var p = producer[t];
                var exists = p < 0 || p == step || ((done >> p) & 1) != 0;
                if (exists && (isOutput[t] || p == step || (readerSets[t] & pending) != 0)) bytes += sizes[t];
            }
            var scratch = s.ScratchBytes;
            foreach (var option in s.InPlace)
            {
                if (option.Kind != InPlaceKind.View && !DiesAt(done, step, option.Input)) continue;
                bytes -= Math.Min(problem.Sizes[option.Output], problem.Sizes[option.Input]);
                if (option.Kind == InPlaceKind.SlowOverwrite) scratch = option.ScratchBytes;
                break;
            }
            return bytes + scratch;
        }

        /// <summary>Bytes of tensors whose last reader is <paramref name="step"/>: what running it gives back.</summary>
        public long FreedBytes(UInt128 done, int step) =>
            problem.Steps[step].Reads.Where(r => DiesAt(done, step, r)).Sum(r => problem.Sizes[r]);

        private bool DiesAt(UInt128 done, int step, string tensor)
        {
            var t = index[tensor];
            return !isOutput[t] && (readerSets[t] & ~(done | Bit(step))) == 0;
        }
    }
}
