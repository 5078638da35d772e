using System.Collections.Immutable;
using TinyGen.Analysis;
using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning.Patching;

/// <summary>The plans weighed and the one taken (its geometry null when layer by layer won).</summary>
public sealed record PatchSearchResult(ImmutableArray<PatchCandidate> Candidates, PatchCandidate Chosen, long ArenaBudget, bool InputCallback);

/// <summary>
/// Chooses where to split and how many tiles to cut (MCUNetV2's search): every split step that can
/// end a patch stage, 2..<see cref="MaxTilesPerSide"/> tiles per side (while the tiles still shrink),
/// plus plain layer by layer. Each is planned; of those whose arena fits the budget the one with the
/// fewest MACs wins, ties going to the smaller arena.
/// </summary>
public static class PatchSearch
{
    public const int MaxTilesPerSide = 8;

    /// <param name="arenaBudget">bytes the arena may take (the SRAM budget less the stack)</param>
    public static PatchSearchResult Run(Graph lowered, PatchRequest request, long arenaBudget, bool inputCallback, int alignment = PlannerOptions.DefaultAlignment)
    {
        var candidates = request.Mode switch
        {
            PatchMode.Off => [Unpatched(lowered, alignment)],
            PatchMode.Fixed => [Unpatched(lowered, alignment), Patched(Geometry(lowered, request), lowered, alignment)],
            _ => Enumerate(lowered, alignment).ToImmutableArray(),
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
        var chosen = fitting.OrderBy(c => c.Macs).ThenBy(c => c.Arena(inputCallback)).ThenBy(c => c.TilesPerSide).First();
        return new PatchSearchResult(candidates, chosen, arenaBudget, inputCallback);
    }

    /// <summary>Every candidate of the automatic search, layer by layer first.</summary>
    public static IEnumerable<PatchCandidate> Enumerate(Graph lowered, int alignment = PlannerOptions.DefaultAlignment)
    {
        yield return Unpatched(lowered, alignment);
        foreach (var stage in PatchStage.Candidates(lowered))
        {
            if (!stage.Ops.Any(o => o.Op is Conv2D or Pool2D)) continue;
            var output = lowered[stage.Output];
            var previous = (-1, -1);
            for (var p = 2; p <= MaxTilesPerSide; p++)
            {
                var tileSize = (Ceil(output.Shape[1], p), Ceil(output.Shape[2], p));
                if (tileSize == previous) continue;
                previous = tileSize;
                var geometry = new TileGeometry(lowered, stage, p);
                if (geometry.TileCount < 2 || !geometry.IsRunnable) continue;
                yield return Patched(geometry, lowered, alignment);
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

    public static PatchCandidate Patched(TileGeometry geometry, Graph lowered, int alignment)
    {
        var baseline = OpCost.Total(lowered).Macs;
        var stageMacs = geometry.Stage.Ops.Sum(o => OpCost.Of(lowered, o.Op).Macs);
        var with = IntervalPlacement.ArenaBytes(new PatchedArenaPlanner(geometry, inputInArena: true, alignment).Intervals(lowered), alignment);
        var without = IntervalPlacement.ArenaBytes(new PatchedArenaPlanner(geometry, inputInArena: false, alignment).Intervals(lowered), alignment);
        return new PatchCandidate(geometry, with, without, baseline - stageMacs + geometry.TiledMacs(), baseline);
    }

    /// <summary>Layer by layer: the arena the default planner gives, and (for comparison only) the same placement without the input.</summary>
    /// <summary>
    /// Layer by layer: the arena the memory planner gives (in-place kernels included, as a compile
    /// without --patch gets), and for comparison the greedy placement of the lifetimes without the input.
    /// </summary>
    public static PatchCandidate Unpatched(Graph lowered, int alignment)
    {
        var macs = OpCost.Total(lowered).Macs;
        var withoutInput = TensorLifetimes.Analyze(lowered).Where(i => !lowered.Inputs.Any(i.Tensors.Contains)).ToImmutableArray();
        var planned = new MemoryPlanner(new PlannerOptions { Alignment = alignment }).Plan(lowered, KernelSelector.Select(lowered)).TotalBytes;
        return new PatchCandidate(null, planned, IntervalPlacement.ArenaBytes(withoutInput, alignment), macs, macs);
    }

    public static string Describe(PatchCandidate c) =>
        c.Geometry is null ? "layer by layer" : $"split after op {c.SplitStep}, {c.Geometry.Rows.TileCount}x{c.Geometry.Cols.TileCount} tiles";

    private static int Ceil(int a, int b) => (a + b - 1) / b;
}
