using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Planning;

/// <summary>
/// One block of storage to place: the tensors sharing it (none for scratch), its size and its inclusive
/// live range. A block shared by an op written over its input may hold less than its size for part of
/// its life: after a 1x1 projection over its 6x wider input only the small output is left, and before a
/// widening 1x1 runs in place only its input, in the block's top bytes. <see cref="Profile"/> then says
/// which bytes of the block are held at each step, so placement can use the rest.
/// </summary>
public sealed record StorageInterval(string Storage, ImmutableArray<string> Tensors, long Size, int FirstStep, int LastStep, BufferKind Kind = BufferKind.Tensor)
{
    /// <summary>Where each tensor starts inside the block (parallel to <see cref="Tensors"/>; all 0 when default).</summary>
    public ImmutableArray<long> TensorOffsets { get; init; }

    /// <summary>Each tensor's own first and last step (parallel to <see cref="Tensors"/>; the block's range when default).</summary>
    public ImmutableArray<(int First, int Last)> TensorSteps { get; init; }

    /// <summary>Consecutive runs of steps with the bytes of the block they hold; one run of all <see cref="Size"/> bytes when default.</summary>
    public ImmutableArray<SizeRun> Profile { get; init; }

    public long OffsetOf(int member) => TensorOffsets.IsDefault ? 0 : TensorOffsets[member];

    public (int First, int Last) StepsOf(int member) => TensorSteps.IsDefault ? (FirstStep, LastStep) : TensorSteps[member];

    public ImmutableArray<SizeRun> Runs => Profile.IsDefault ? [new SizeRun(FirstStep, LastStep, Size)] : Profile;

    /// <summary>The bytes [Start, End) of the block held at <paramref name="step"/> (an empty run outside its life).</summary>
    public SizeRun RunAt(int step)
    {
        foreach (var run in Runs)
            if (step >= run.FirstStep && step <= run.LastStep) return run;
        return new SizeRun(step, step, 0);
    }

    public bool Overlaps(StorageInterval other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;

    public int Length => LastStep - FirstStep + 1;
}

/// <summary>Steps FirstStep..LastStep (inclusive) during which a block holds its bytes [Start, End).</summary>
public readonly record struct SizeRun(int FirstStep, int LastStep, long End, long Start = 0)
{
    public long Bytes => End - Start;

    public bool Overlaps(SizeRun other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;
}

/// <summary>The storage blocks of one execution order, the in-place choice made at each step and the bytes live at each step.</summary>
public sealed record LifetimeAnalysis(
    ImmutableArray<int> Order,
    ImmutableArray<StorageInterval> Intervals,
    ImmutableArray<InPlaceOption?> InPlace,
    ImmutableArray<long> LiveBytes)
{
    /// <summary>The most bytes live at one step: no placement of these intervals can use less.</summary>
    public long LowerBound => LiveBytes.DefaultIfEmpty(0).Max();
}

/// <summary>
/// Live ranges over an execution order (position p runs step Order[p]). A tensor lives from the step
/// that produces it (position 0 for graph inputs) to the last step that reads it (the last position
/// for graph outputs), inclusive at both ends. Storage is shared where a step's in-place option is
/// taken: views always; overwrites when the input's whole storage dies at that step and holds no
/// graph output; optional ones (<see cref="IsOptional"/>) also only at the steps <c>optionalInPlace</c>
/// allows. A step's kernel
/// scratch is a block of its own, live at that step only.
/// </summary>
public static class TensorLifetimes
{
    public const string ScratchPrefix = "scratch:";

    /// <summary>
    /// In-place options that can cost as well as save: a slower kernel. An overwrite by the regular
    /// kernel is always taken: the shared block shrinks to the output once the input dies (its
    /// <see cref="StorageInterval.Profile"/>), so it never holds more than separate blocks would.
    /// </summary>
    public static bool IsOptional(MemoryProblem problem, InPlaceOption option) => option.Kind == InPlaceKind.SlowOverwrite;

    /// <summary>An output larger than the input it overwrites: the input moves up inside the shared block, which then holds more for the input's whole life.</summary>
    public static bool Widens(MemoryProblem problem, InPlaceOption option) => problem.Sizes[option.Output] > problem.Sizes[option.Input];

    /// <summary>Storage blocks of the graph in its own order, sharing bytes through views only (see <see cref="MemoryProblem.ViewsOnly"/>).</summary>
    public static ImmutableArray<StorageInterval> Analyze(Graph graph) =>
        Analyze(MemoryProblem.ViewsOnly(graph), Enumerable.Range(0, graph.Operations.Length).ToArray(), _ => false).Intervals;

    /// <summary>The most bytes simultaneously live at any step: no placement of these blocks can use less.</summary>
    public static long LowerBound(IReadOnlyCollection<StorageInterval> intervals)
    {
        if (intervals.Count == 0) return 0;
        var live = new long[intervals.Max(i => i.LastStep) + 1];
        foreach (var interval in intervals)
            foreach (var run in interval.Runs)
                for (var s = run.FirstStep; s <= run.LastStep; s++) live[s] += run.Bytes;
        return live.Max();
    }

    /// <param name="alignment">a wider output written over its input puts the input this aligned distance above its own start</param>
    public static LifetimeAnalysis Analyze(MemoryProblem problem, IReadOnlyList<int> order, Func<int, bool> optionalInPlace, int alignment = 1)
    {
        var steps = problem.Steps;
        if (order.Count != steps.Length || order.Distinct().Count() != steps.Length || order.Any(i => i < 0 || i >= steps.Length))
            throw new TinyGenException($"internal: execution order [{string.Join(",", order)}] is not a permutation of {steps.Length} steps");
        var lastPosition = Math.Max(0, order.Count - 1);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var input in problem.Inputs) first[input] = 0;
        for (var p = 0; p < order.Count; p++)
        {
            var step = steps[order[p]];
            foreach (var read in step.Reads)
            {
                if (!first.TryGetValue(read, out var produced) || produced > p)
                    throw new TinyGenException($"internal: {step.Label} reads '{read}' at step {p} before anything produces it");
                last[read] = Math.Max(last.GetValueOrDefault(read, p), p);
            }
            foreach (var write in step.Writes)
            {
                if (first.ContainsKey(write))
                    throw new TinyGenException($"internal: '{write}' is produced twice");
                first[write] = p;
            }
        }
        foreach (var name in first.Keys) last[name] = Math.Max(last.GetValueOrDefault(name, first[name]), first[name]);
        foreach (var output in problem.Outputs)
        {
            if (!first.ContainsKey(output)) throw new TinyGenException($"internal: graph output '{output}' is never produced");
            last[output] = lastPosition;
        }

        var groups = new StorageGroups(first, last, problem.Outputs);
        var taken = new InPlaceOption?[order.Count];
        var scratch = new List<StorageInterval>();
        for (var p = 0; p < order.Count; p++)
        {
            var stepIndex = order[p];
            var step = steps[stepIndex];
            // Of two inputs an Add may overwrite, the one in the smaller block: the output then stays out of a
            // large block's shrunken tail, which would pin it to that block's base (an inverted-residual chain
            // alternates its two blocks instead of stacking tails).
            var options = step.InPlace
                .Select((option, k) => (option, k))
                .OrderBy(x => x.option.Kind == InPlaceKind.Overwrite && first.ContainsKey(x.option.Input) ? groups.BlockBytes(x.option.Input, problem.Sizes) : 0)
                .ThenBy(x => x.k)
                .Select(x => x.option);
            foreach (var option in options)
            {
                if (!first.ContainsKey(option.Input) || first[option.Output] != p) continue;
                if (taken[p] is not null && taken[p]!.Output == option.Output) continue;
                var allowed = option.Kind switch
                {
                    InPlaceKind.View => true,
                    InPlaceKind.Overwrite => (!IsOptional(problem, option) || optionalInPlace(stepIndex)) && groups.DiesAt(option.Input, p) && groups.IsAlone(option.Output),
                    InPlaceKind.SlowOverwrite => optionalInPlace(stepIndex) && groups.DiesAt(option.Input, p) && groups.IsAlone(option.Output),
                    _ => false,
                };
                if (!allowed) continue;
                var shift = Math.Max(0, problem.Sizes[option.Output] - problem.Sizes[option.Input]);
                groups.Join(option.Input, option.Output, (shift + alignment - 1) / alignment * alignment);
                // The step's record shows the overwrite that changes its kernel or memory; a view is implied by the op.
                if (taken[p] is null || option.Kind != InPlaceKind.View) taken[p] = option;
            }
            var scratchBytes = taken[p] is { Kind: InPlaceKind.SlowOverwrite } slow ? slow.ScratchBytes : step.ScratchBytes;
            if (scratchBytes > 0)
                scratch.Add(new StorageInterval($"{ScratchPrefix}{step.Label}", [], scratchBytes, p, p, BufferKind.Scratch));
        }

        var intervals = groups.Intervals(problem.Sizes).Concat(scratch).ToImmutableArray();
        var live = new long[order.Count];
        foreach (var interval in intervals)
            foreach (var run in interval.Runs)
                for (var p = run.FirstStep; p <= run.LastStep && p < live.Length; p++)
                    live[p] += run.Bytes;
        return new LifetimeAnalysis(order.ToImmutableArray(), intervals, taken.ToImmutableArray(), live.ToImmutableArray());
    }

    /// <summary>Union-find over tensors; each group remembers its members' first and last steps.</summary>
    private sealed class StorageGroups(Dictionary<string, int> first, Dictionary<string, int> last, ImmutableArray<string> outputs)
    {
        private readonly Dictionary<string, string> parent = new(StringComparer.Ordinal);
        private readonly HashSet<string> graphOutputs = new(outputs, StringComparer.Ordinal);
        private readonly Dictionary<string, long> within = new(StringComparer.Ordinal);   // a tensor's offset inside its block

        public string Root(string name)
        {
            var node = name;
            while (parent.TryGetValue(node, out var up) && up != node) node = up;
            // path compression
            var walk = name;
            while (parent.TryGetValue(walk, out var up) && up != walk)
            {
                parent[walk] = node;
                walk = up;
            }
            return node;
        }

        private IEnumerable<string> Members(string name)
        {
            var root = Root(name);
            return first.Keys.Where(t => Root(t) == root);
        }

        /// <summary>True when no member of the input's storage is read after <paramref name="position"/> or is a graph output.</summary>
        public bool DiesAt(string input, int position) => Members(input).All(t => last[t] <= position && !graphOutputs.Contains(t));

        public bool IsAlone(string tensor) => Members(tensor).Count() == 1;

        /// <summary>The most bytes the tensor's block holds at any step so far.</summary>
        public long BlockBytes(string tensor, ImmutableDictionary<string, long> sizes) =>
            Members(tensor).Max(m => within.GetValueOrDefault(m) + sizes[m]);

        /// <summary>Puts the output's block over the input's; an output larger than the input starts <paramref name="inputShift"/> bytes below it.</summary>
        public void Join(string input, string output, long inputShift)
        {
            var a = Root(input);
            var b = Root(output);
            if (a == b) return;
            if (inputShift > 0)
                foreach (var member in Members(input).ToList())
                    within[member] = within.GetValueOrDefault(member) + inputShift;
            // The storage keeps the name of the tensor that was there first: the one written over or viewed.
            parent[b] = a;
            parent.TryAdd(a, a);
        }

        public IEnumerable<StorageInterval> Intervals(ImmutableDictionary<string, long> sizes) =>
            first.Keys
                .GroupBy(Root, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var members = g.OrderBy(n => n, StringComparer.Ordinal).ToImmutableArray();
                    var offsets = members.Select(m => within.GetValueOrDefault(m)).ToImmutableArray();
                    var ends = members.Select((m, i) => offsets[i] + sizes[m]).ToImmutableArray();
                    var steps = members.Select(m => (first[m], last[m])).ToImmutableArray();
                    var profile = Profile(steps, offsets, ends);
                    return new StorageInterval(g.Key, members, ends.Max(), steps.Min(s => s.Item1), steps.Max(s => s.Item2))
                    {
                        TensorOffsets = offsets,
                        TensorSteps = steps,
                        // A block that never shrinks stays a plain rectangle (Size over its whole life).
                        Profile = profile.Length > 1 ? profile : default,
                    };
                });

        /// <summary>At each step the block holds from the lowest start to the highest end of the members live then; equal neighbours merge into one run.</summary>
        private static ImmutableArray<SizeRun> Profile(ImmutableArray<(int First, int Last)> steps, ImmutableArray<long> starts, ImmutableArray<long> ends)
        {
            var runs = ImmutableArray.CreateBuilder<SizeRun>();
            var from = steps.Min(s => s.First);
            var to = steps.Max(s => s.Last);
            for (var p = from; p <= to; p++)
            {
                long start = long.MaxValue, end = 0;
                for (var i = 0; i < steps.Length; i++)
                    if (p >= steps[i].First && p <= steps[i].Last)
                    {
                        start = Math.Min(start, starts[i]);
                        end = Math.Max(end, ends[i]);
                    }
                if (end == 0) start = 0;
                if (runs.Count > 0 && runs[^1].End == end && runs[^1].Start == start && runs[^1].LastStep == p - 1)
                    runs[^1] = runs[^1] with { LastStep = p };
                else
                    runs.Add(new SizeRun(p, p, end, start));
            }
            return runs.ToImmutable();
        }
    }
}
