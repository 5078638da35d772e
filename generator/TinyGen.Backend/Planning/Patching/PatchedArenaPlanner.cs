using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning.Patching;

/// <summary>
/// The arena of a graph whose first stage runs tile by tile. Tensors after the split keep their
/// layer-by-layer lifetimes; inside the stage each intermediate tensor needs only its largest tile,
/// plus a tile buffer for the stage input and output and a crop buffer for each read that takes
/// fewer columns than its tensor's tile holds. The full stage output is written by every tile, so
/// it lives from the stage's first step; the full input is read by every tile, so it lives to the
/// split (and takes no bytes of the arena when tiles are pulled through the input callback).
/// </summary>
public sealed class PatchedArenaPlanner(TileGeometry geometry, bool inputInArena = true, int alignment = PlannerOptions.DefaultAlignment) : IArenaPlanner
{
    /// <summary>The ops run in the graph's order with their regular kernels (no in-place, no scratch), so the calls are not consulted.</summary>
    public ArenaPlan Plan(Graph lowered, ImmutableArray<KernelCall> calls) => Plan(lowered);

    public ArenaPlan Plan(Graph lowered)
    {
        var intervals = Intervals(lowered);
        var offsets = IntervalPlacement.Place(intervals, alignment);
        var buffers = intervals
            .SelectMany(i => i.Tensors.Select(t => new ArenaBuffer(t, offsets[i.Storage], i.Tensors.Length == 1 || i.Size == 0 ? i.Size : SizeOf(lowered, t, i), i.FirstStep, i.LastStep, i.Storage)))
            .OrderBy(b => b.Offset).ThenBy(b => b.FirstStep).ThenBy(b => b.TensorName, StringComparer.Ordinal)
            .ToImmutableArray();
        var total = intervals.Length == 0 ? 0 : intervals.Max(i => AlignUp(offsets[i.Storage] + i.Size));
        return new ArenaPlan(buffers, total, TensorLifetimes.LowerBound(intervals), alignment, lowered.Operations.Length);
    }

    /// <summary>The blocks to place: each storage with its patched size and lifetime, and the stage's own buffers.</summary>
    public ImmutableArray<StorageInterval> Intervals(Graph lowered)
    {
        var stage = geometry.Stage;
        var intermediates = stage.Intermediates.ToHashSet(StringComparer.Ordinal);
        var result = new List<StorageInterval>();
        foreach (var interval in TensorLifetimes.Analyze(lowered))
        {
            if (interval.Tensors.Contains(stage.GraphInput))
            {
                // Streamed: an empty block keeps the input's names in the plan, with no bytes behind them.
                result.Add(inputInArena ? interval with { LastStep = Math.Max(interval.LastStep, stage.SplitStep) } : interval with { Size = 0 });
            }
            else if (interval.Tensors.Contains(stage.Output))
                result.Add(interval with { FirstStep = Math.Min(interval.FirstStep, stage.FirstStep) });
            else if (interval.Tensors.Length == 1 && intermediates.Contains(interval.Storage))
                result.Add(interval with { Size = geometry.TileBytes(interval.Storage) });
            else
                result.Add(interval);
        }

        var inputReaders = stage.Ops.Where(o => o.Operands.Any(x => x.Tensor == stage.Input)).Select(o => o.Step).ToList();
        result.Add(Block(PatchBuffers.InputTile(stage), geometry.TileBytes(stage.Input), inputReaders.Min(), inputReaders.Max()));
        result.Add(Block(PatchBuffers.OutputTile(stage), geometry.TileBytes(stage.Output), stage.SplitStep, stage.SplitStep));
        for (var i = 0; i < stage.Ops.Length; i++)
            for (var k = 0; k < stage.Ops[i].Operands.Length; k++)
                if (NeedsCropBuffer(geometry, i, k))
                    result.Add(Block(PatchBuffers.Crop(stage, i, k), geometry.ReadBytes(i, k), stage.Ops[i].Step, stage.Ops[i].Step));
        return result.ToImmutableArray();
    }

    /// <summary>A read needs a copy when some tile takes fewer columns than the tensor's tile holds (fewer rows are a pointer offset).</summary>
    public static bool NeedsCropBuffer(TileGeometry geometry, int op, int operand)
    {
        var tensor = geometry.Stage.Ops[op].Operands[operand].Tensor;
        return geometry.Cols.Reads[op][operand].Select((w, t) => w.Span != geometry.Cols.Spans[tensor][t]).Any(x => x);
    }

    private static StorageInterval Block(string name, long size, int first, int last) => new(name, [name], size, first, last);

    private static long SizeOf(Graph graph, string tensor, StorageInterval interval) =>
        graph.Tensors.ContainsKey(tensor) ? graph[tensor].SizeInBytes : interval.Size;

    private long AlignUp(long value) => IntervalPlacement.AlignUp(value, alignment);
}
