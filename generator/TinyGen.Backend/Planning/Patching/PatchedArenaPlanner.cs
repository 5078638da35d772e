using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning.Patching;

/// <summary>
/// The arena of a graph whose first stage runs tile by tile, planned by the memory planner at two
/// levels. Inside the stage, the tile buffers (input tile, each intermediate's largest tile, output
/// tile, crop copies) form a problem of their own, planned in the stage's fixed op order. Outside,
/// the stage is one step that reads the model input, writes the full stage output and needs the
/// tile arena as its scratch; every other op keeps its kernel call and in-place options, so the
/// layers after the split get in-place depthwise and 1x1 kernels, overwrites and aliases exactly as
/// a layer-by-layer compile does. The tile arena then sits inside the stage step's scratch block,
/// and the plan is expanded back to one step per op.
/// </summary>
public sealed class PatchedArenaPlanner(TileGeometry geometry, bool inputInArena = true, PlannerOptions? options = null) : IArenaPlanner
{
    public PlannerOptions Options { get; } = options ?? PlannerOptions.Default;

    public ArenaPlan Plan(Graph lowered, ImmutableArray<KernelCall> calls)
    {
        // The stage loop renders its ops in the graph's order with their regular kernels.
        var tiles = new MemoryPlanner(Options with { Reorder = false, OptionalInPlace = InPlacePolicy.Never }).Plan(TileProblem(lowered, calls));
        var outerProblem = OuterProblem(lowered, calls, tiles.TotalBytes);
        var outer = new MemoryPlanner(Options).Plan(outerProblem);
        var plan = Expand(lowered, outerProblem, outer, tiles);
        return plan;
    }

    /// <summary>The label of the step that stands for the whole stage in the outer problem.</summary>
    public string StageLabel => $"patch stage (ops {geometry.Stage.FirstStep}..{geometry.Stage.SplitStep})";

    /// <summary>One tile's buffers, one step per stage op with its kernel's scratch; the crop copies an op makes live at that op only.</summary>
    public MemoryProblem TileProblem(Graph lowered, IReadOnlyList<KernelCall> calls)
    {
        var stage = geometry.Stage;
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var tensor in stage.Tensors) sizes[PatchBuffers.TileOf(stage, tensor)] = geometry.TileBytes(tensor);
        var steps = stage.Ops.Select((op, i) =>
        {
            var crops = Enumerable.Range(0, op.Operands.Length).Where(k => NeedsCropBuffer(geometry, i, k)).Select(k => PatchBuffers.Crop(stage, i, k)).ToList();
            foreach (var k in Enumerable.Range(0, op.Operands.Length).Where(k => NeedsCropBuffer(geometry, i, k)))
                sizes[PatchBuffers.Crop(stage, i, k)] = geometry.ReadBytes(i, k);
            return new MemoryStep(op.Op.ToString(),
                op.Operands.Select(x => PatchBuffers.TileOf(stage, x.Tensor)).Distinct(StringComparer.Ordinal).ToImmutableArray(),
                [PatchBuffers.TileOf(stage, op.Output), .. crops], PatchedKernelCalls.TileScratchBytes(calls[op.Step]), []);
        }).ToImmutableArray();
        var problem = new MemoryProblem($"{lowered.Name} tile", sizes.ToImmutableDictionary(StringComparer.Ordinal),
            [PatchBuffers.InputTile(stage)], [PatchBuffers.OutputTile(stage)], steps);
        problem.Validate();
        return problem;
    }

    /// <summary>The graph with the stage's ops folded into one step whose scratch is the tile arena; a streamed input takes no bytes.</summary>
    public MemoryProblem OuterProblem(Graph lowered, IReadOnlyList<KernelCall> calls, long tileArenaBytes)
    {
        var stage = geometry.Stage;
        var full = MemoryProblem.From(lowered, calls);
        var steps = new List<MemoryStep>();
        for (var op = 0; op < full.Steps.Length; op++)
        {
            if (op == stage.FirstStep)
                steps.Add(new MemoryStep(StageLabel, [stage.Input], [stage.Output], tileArenaBytes, []));
            else if (op < stage.FirstStep || op > stage.SplitStep)
                steps.Add(full.Steps[op]);
        }
        var streamed = inputInArena ? [] : InputViews(lowered).ToHashSet(StringComparer.Ordinal);
        var names = full.Inputs.Concat(full.Outputs).Concat(steps.SelectMany(s => s.Reads.Concat(s.Writes))).Distinct(StringComparer.Ordinal);
        var problem = new MemoryProblem(lowered.Name,
            names.ToImmutableDictionary(n => n, n => streamed.Contains(n) ? 0 : full.Sizes[n], StringComparer.Ordinal),
            full.Inputs, full.Outputs, steps.ToImmutableArray());
        problem.Validate();
        return problem;
    }

    /// <summary>The model input and the leading reshapes the stage reads it through.</summary>
    private IEnumerable<string> InputViews(Graph lowered)
    {
        yield return geometry.Stage.GraphInput;
        for (var op = 0; op < geometry.Stage.FirstStep; op++)
            foreach (var output in lowered.Operations[op].Outputs) yield return output;
    }

    /// <summary>
    /// Back to one step per op: outer positions after the stage move by its op count less one, buffers
    /// live at the stage step live through all its ops, and the stage's scratch block is replaced by the
    /// tile buffers at its offset.
    /// </summary>
    private ArenaPlan Expand(Graph lowered, MemoryProblem outerProblem, ArenaPlan outer, ArenaPlan tiles)
    {
        var stage = geometry.Stage;
        var extra = stage.Ops.Length - 1;
        var stagePosition = outer.Steps.Select((s, p) => (s, p)).Single(x => x.s.Label == StageLabel).p;
        int Start(int position) => position <= stagePosition ? position : position + extra;
        int End(int position) => position < stagePosition ? position : position + extra;
        int GraphOp(int outerStep) => outerStep < stage.FirstStep ? outerStep : outerStep + extra;

        var stageScratch = TensorLifetimes.ScratchPrefix + StageLabel;
        var buffers = new List<ArenaBuffer>();
        foreach (var b in outer.Buffers)
        {
            if (b.Kind == BufferKind.Scratch && b.Storage == stageScratch)
                buffers.AddRange(tiles.Buffers.Select(t => t with
                {
                    Offset = b.Offset + t.Offset,
                    FirstStep = stagePosition + t.FirstStep,
                    LastStep = stagePosition + t.LastStep,
                }));
            else
                buffers.Add(b with { FirstStep = Start(b.FirstStep), LastStep = End(b.LastStep) });
        }

        var steps = new List<PlannedStep>();
        for (var p = 0; p < outer.Steps.Length; p++)
        {
            var s = outer.Steps[p];
            if (p == stagePosition)
                steps.AddRange(stage.Ops.Select((op, i) => new PlannedStep(op.Step, op.Op.ToString(), s.LiveBytes - tiles.TotalBytes + tiles.Steps[i].LiveBytes, null)));
            else
                steps.Add(s with { Op = GraphOp(s.Op) });
        }

        var ordered = buffers.OrderBy(b => b.Offset).ThenBy(b => b.FirstStep).ThenBy(b => b.TensorName, StringComparer.Ordinal).ToImmutableArray();
        return new ArenaPlan(ordered, outer.TotalBytes, steps.Max(s => s.LiveBytes), Options.Alignment, lowered.Operations.Length)
        {
            Steps = steps.ToImmutableArray(),
            Placement = $"{outer.Placement}; tiles: {tiles.Placement}",
        };
    }

    /// <summary>A read needs a copy when some tile takes fewer columns than the tensor's tile holds (fewer rows are a pointer offset).</summary>
    public static bool NeedsCropBuffer(TileGeometry geometry, int op, int operand)
    {
        var tensor = geometry.Stage.Ops[op].Operands[operand].Tensor;
        return geometry.Cols.Reads[op][operand].Select((w, t) => w.Span != geometry.Cols.Spans[tensor][t]).Any(x => x);
    }
}
