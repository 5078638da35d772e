using System.Collections.Immutable;
using TinyGen.Analysis;
using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning.Patching;

/// <summary>The plans weighed and the one taken (its geometry null when layer by layer won).</summary>
public sealed record PatchSearchResult(ImmutableArray<PatchCandidate> Candidates, PatchCandidate Chosen, long ArenaBudget, bool InputCallback)
{
    public PatchObjective Objective { get; init; } = PatchObjective.FewestMacs;
}

/// <summary>
/// Chooses where to split and how many tiles to cut (MCUNetV2's search): every split step that can
/// end a patch stage, 2..<see cref="MaxTilesPerSide"/> tiles per side (while the tiles still shrink),
/// plus plain layer by layer. Each is planned as it would be compiled (<see cref="PatchedArenaPlanner"/>
/// with the core's kernel calls and the planner's options); of those whose arena fits the budget the
/// objective picks one: the fewest MACs (ties: the smaller arena), or the smallest arena (ties: fewer MACs).
/// </summary>
public static class PatchSearch
{
    public const int MaxTilesPerSide = 8;

    /// <param name="arenaBudget">bytes the arena may take (the SRAM budget less the stack)</param>
    public static PatchSearchResult Run(Graph lowered, PatchRequest request, long arenaBudget, bool inputCallback,
        PatchObjective objective = PatchObjective.FewestMacs, PlannerOptions? options = null, TargetCore? core = null)
    {
        var candidates = request.Mode switch
        {
            PatchMode.Off => [Unpatched(lowered, options, core)],
            PatchMode.Fixed => [Unpatched(lowered, options, core), Patched(Geometry(lowered, request), lowered, options, core)],
            _ => Enumerate(lowered, options, core).ToImmutableArray(),
        };
        var eligible = candidates.Where(c => c.IsPatched || !inputCallback || request.Mode == PatchMode.Off).ToList();
        if (request.Mode == PatchMode.Fixed) eligible = eligible.Where(c => c.IsPatched).ToList();
        if (eligible.Count == 0)
            throw new TinyGenException($"--input-callback needs a patch stage, and model '{lowered.Name}' has no step a patch stage can end with (its input must be one int8 NHWC tensor read only by convolutions, pools and elementwise ops)");

        var fitting = eligible.Where(c => c.Arena(inputCallback) <= arenaBudget).ToList();
        if (fitting.Count == 0)
        {
            var best = eligible.MinBy(c => c.Arena(inputCallback))!;
            var what = request.Mode == PatchMode.Auto ? $"the smallest of {eligible.Count} plans ({Describe(best)})" : $"the plan ({Describe(best)})";
            throw new TinyGenException(
                $"model '{lowered.Name}' does not fit: {what} needs an arena of {best.Arena(inputCallback):N0} bytes, {best.Arena(inputCallback) - arenaBudget:N0} bytes more than the {arenaBudget:N0} available");
        }
        var chosen = objective == PatchObjective.SmallestArena
            ? fitting.OrderBy(c => c.Arena(inputCallback)).ThenBy(c => c.Macs).ThenBy(c => c.TilesPerSide).First()
            : fitting.OrderBy(c => c.Macs).ThenBy(c => c.Arena(inputCallback)).ThenBy(c => c.TilesPerSide).First();
        return new PatchSearchResult(candidates, chosen, arenaBudget, inputCallback) { Objective = objective };
    }

    /// <summary>Every candidate of the automatic search, layer by layer first.</summary>
    public static IEnumerable<PatchCandidate> Enumerate(Graph lowered, PlannerOptions? options = null, TargetCore? core = null)
    {
        yield return Unpatched(lowered, options, core);
        foreach (var stage in PatchStage.Candidates(lowered))
        {
            if (!stage.Ops.Any(o => o.Op is Conv2D or Pool2D)) continue;
            var output = lowered[stage.Output];
            var previous = (-1, -1);
            var calls = PatchedKernelCalls.Select(lowered, stage, core ?? TargetCore.Portable);
            for (var p = 2; p <= MaxTilesPerSide; p++)
            {
                var tileSize = (Ceil(output.Shape[1], p), Ceil(output.Shape[2], p));
                if (tileSize == previous) continue;
                previous = tileSize;
                var geometry = new TileGeometry(lowered, stage, p);
                if (geometry.TileCount < 2 || !geometry.IsRunnable) continue;
                yield return Patched(geometry, lowered, calls, options);
            }
        }
    }

    public static TileGeometry Geometry(Graph lowered, PatchRequest request)
    {
        var stage = PatchStage.TryCreate(lowered, request.SplitStep, out var reason)
                    ?? throw new TinyGenException($"--patch {request}: the patch stage cannot end after op {request.SplitStep}: {reason}");
        var geometry = new TileGeometry(lowered, stage, request.TilesPerSide);
        if (!geometry.IsRunnable)
            throw new TinyGenException($"--patch {request}: some tile of op {request.SplitStep}'s stage would read only padding; use fewer tiles");
        return geometry;
    }

    public static PatchCandidate Patched(TileGeometry geometry, Graph lowered, PlannerOptions? options = null, TargetCore? core = null) =>
        Patched(geometry, lowered, PatchedKernelCalls.Select(lowered, geometry.Stage, core ?? TargetCore.Portable), options);

    private static PatchCandidate Patched(TileGeometry geometry, Graph lowered, ImmutableArray<KernelCall> calls, PlannerOptions? options)
    {
        var baseline = OpCost.Total(lowered).Macs;
        var stageMacs = geometry.Stage.Ops.Sum(o => OpCost.Of(lowered, o.Op).Macs);
        var with = new PatchedArenaPlanner(geometry, inputInArena: true, options).Plan(lowered, calls).TotalBytes;
        var without = new PatchedArenaPlanner(geometry, inputInArena: false, options).Plan(lowered, calls).TotalBytes;
        return new PatchCandidate(geometry, with, without, baseline - stageMacs + geometry.TiledMacs(), baseline);
    }

    /// <summary>
    /// Layer by layer: the arena the memory planner gives (as a compile without --patch gets it), and
    /// for comparison only the same planner's arena with the model inputs taking no bytes.
    /// </summary>
    public static PatchCandidate Unpatched(Graph lowered, PlannerOptions? options = null, TargetCore? core = null)
    {
        var macs = OpCost.Total(lowered).Macs;
        var planner = new MemoryPlanner(options);
        var problem = MemoryProblem.From(lowered, KernelSelector.Select(lowered, core));
        var inputs = lowered.Inputs.ToHashSet(StringComparer.Ordinal);
        var withoutInput = problem with { Sizes = problem.Sizes.ToImmutableDictionary(kv => kv.Key, kv => inputs.Contains(kv.Key) ? 0 : kv.Value, StringComparer.Ordinal) };
        return new PatchCandidate(null, planner.Plan(problem).TotalBytes, planner.Plan(withoutInput).TotalBytes, macs, macs);
    }

    public static string Describe(PatchCandidate c) =>
        c.Geometry is null ? "layer by layer" : $"split after op {c.SplitStep}, {c.Geometry.Rows.TileCount}x{c.Geometry.Cols.TileCount} tiles";

    private static int Ceil(int a, int b) => (a + b - 1) / b;
}
