using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning;

/// <summary>Knobs of <see cref="MemoryPlanner"/>; the defaults are what compiles use.</summary>
public sealed record PlannerOptions
{
    public const int DefaultAlignment = 16;

    /// <summary>Every offset is a multiple of this (at least 4: kernels read 32-bit words).</summary>
    public int Alignment { get; init; } = DefaultAlignment;

    public InPlacePolicy OptionalInPlace { get; init; } = InPlacePolicy.WhereItLowersTheArena;

    /// <summary>Try other topological orders of a branching graph (off: keep the graph's order).</summary>
    public bool Reorder { get; init; } = true;

    /// <summary>Run the insertion-order search when at most this many blocks are placed.</summary>
    public int SearchLimit { get; init; } = ArenaPlacement.DefaultSearchLimit;

    public static PlannerOptions Default { get; } = new();
}

/// <summary>
/// The memory planner: for each candidate execution order (<see cref="ExecutionOrder"/>) it takes
/// every free in-place option, decides which optional ones (slow in-place kernels) pay for themselves (all legal ones first, then each dropped again
/// unless dropping it grows the arena), places the resulting
/// lifetimes (<see cref="ArenaPlacement"/>) and keeps the smallest arena; ties go to fewer slow
/// kernels, then to the graph's own order.
/// </summary>
public sealed class MemoryPlanner(PlannerOptions? options = null) : IArenaPlanner
{
    public PlannerOptions Options { get; } = Validated(options ?? PlannerOptions.Default);

    public ArenaPlan Plan(Graph lowered, ImmutableArray<KernelCall> calls) => Plan(MemoryProblem.From(lowered, calls));

    public ArenaPlan Plan(MemoryProblem problem)
    {
        problem.Validate();
        var orders = Options.Reorder ? ExecutionOrder.Candidates(problem) : [Enumerable.Range(0, problem.Steps.Length).ToImmutableArray()];
        (LifetimeAnalysis Analysis, Placement Placement)? best = null;
        foreach (var order in orders)
        {
            var candidate = PlanOrder(problem, order);
            if (best is null || Better(candidate, best.Value)) best = candidate;
        }
        return Assemble(problem, best!.Value.Analysis, best.Value.Placement);
    }

    private static bool Better((LifetimeAnalysis Analysis, Placement Placement) a, (LifetimeAnalysis Analysis, Placement Placement) b) =>
        a.Placement.TotalBytes != b.Placement.TotalBytes
            ? a.Placement.TotalBytes < b.Placement.TotalBytes
            : SlowCount(a.Analysis) < SlowCount(b.Analysis);

    private static int SlowCount(LifetimeAnalysis analysis) => analysis.InPlace.Count(o => o is { Kind: InPlaceKind.SlowOverwrite, Preferred: false });

    private (LifetimeAnalysis, Placement) PlanOrder(MemoryProblem problem, ImmutableArray<int> order)
    {
        var slowSteps = Enumerable.Range(0, problem.Steps.Length)
            .Where(s => problem.Steps[s].InPlace.Any(o => TensorLifetimes.IsOptional(problem, o)))
            .ToHashSet();
        if (Options.OptionalInPlace == InPlacePolicy.Never) slowSteps.Clear();
        var current = Evaluate(problem, order, slowSteps);
        if (Options.OptionalInPlace != InPlacePolicy.WhereItLowersTheArena) return current;

        // Drop the slow kernels where they do not help (the preferred ones only where they cost bytes).
        // Outputs wider than their input go first: moving the input up inside the shared block can raise
        // the peak far from the step itself, and while such a peak stands no other drop would show its cost.
        // Then the steps with the fewest live bytes.
        var position = order.Select((step, p) => (step, p)).ToDictionary(x => x.step, x => x.p);
        var dropOrder = slowSteps
            .OrderBy(s => problem.Steps[s].InPlace.Any(o => TensorLifetimes.IsOptional(problem, o) && TensorLifetimes.Widens(problem, o)) ? 0 : 1)
            .ThenBy(s => current.Item1.LiveBytes[position[s]]).ThenBy(s => s).ToList();
        foreach (var step in dropOrder)
        {
            if (current.Item1.InPlace[position[step]] is not { } taken || !TensorLifetimes.IsOptional(problem, taken))
            {
                slowSteps.Remove(step);
                continue;
            }
            var without = slowSteps.Where(s => s != step).ToHashSet();
            var trial = Evaluate(problem, order, without);
            // The peak live bytes break ties: a drop that costs nothing now may cost the arena once a
            // placement around another peak improves, and the lower bound sees that where the arena does not.
            var cost = (trial.Item2.TotalBytes, trial.Item1.LowerBound).CompareTo((current.Item2.TotalBytes, current.Item1.LowerBound));
            if (cost < 0 || (cost == 0 && !taken.Preferred))
            {
                slowSteps = without;
                current = trial;
            }
        }
        return current;
    }

    private (LifetimeAnalysis, Placement) Evaluate(MemoryProblem problem, ImmutableArray<int> order, HashSet<int> slowSteps)
    {
        var analysis = TensorLifetimes.Analyze(problem, order, slowSteps.Contains, Options.Alignment);
        return (analysis, ArenaPlacement.Best(analysis.Intervals, Options.Alignment, Options.SearchLimit));
    }

    private ArenaPlan Assemble(MemoryProblem problem, LifetimeAnalysis analysis, Placement placement)
    {
        var buffers = new List<ArenaBuffer>();
        for (var i = 0; i < analysis.Intervals.Length; i++)
        {
            var interval = analysis.Intervals[i];
            var offset = placement.Offsets.IsDefaultOrEmpty ? 0 : placement.Offsets[i];
            if (interval.Kind == BufferKind.Scratch)
                buffers.Add(new ArenaBuffer(interval.Storage, offset, interval.Size, interval.FirstStep, interval.LastStep, interval.Storage, BufferKind.Scratch));
            else
                buffers.AddRange(interval.Tensors.Select((t, k) => new ArenaBuffer(t, offset + interval.OffsetOf(k), problem.Sizes[t], interval.StepsOf(k).First, interval.StepsOf(k).Last, interval.Storage)));
        }
        var steps = analysis.Order.Select((step, p) => new PlannedStep(step, problem.Steps[step].Label, analysis.LiveBytes[p], analysis.InPlace[p])).ToImmutableArray();
        return new ArenaPlan(
            buffers.OrderBy(b => b.Offset).ThenBy(b => b.FirstStep).ThenBy(b => b.TensorName, StringComparer.Ordinal).ToImmutableArray(),
            placement.TotalBytes, analysis.LowerBound, Options.Alignment, problem.Steps.Length)
        {
            Steps = steps,
            Placement = placement.Strategy,
        };
    }

    private static PlannerOptions Validated(PlannerOptions options)
    {
        if (options.Alignment < 4 || (options.Alignment & (options.Alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.Alignment, "alignment must be a power of two of at least 4");
        return options;
    }
}
