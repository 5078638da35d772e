using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Planning.Patching;

/// <summary>
/// The per-patch stage of a lowered graph split after step <see cref="SplitStep"/>: the ops from the
/// first computing op to the split, run tile by tile. It reads the model's single NHWC input
/// (possibly through leading shape-preserving Reshapes) and produces <see cref="Output"/>, the only
/// stage tensor read after the split. Every op in it is spatially local (convolution, depthwise,
/// windowed pooling, same-shape elementwise Add/Mul, clamp, requantization, concatenation along
/// channels), so each output tile depends on one
/// rectangle of each tensor before it.
/// </summary>
public sealed record PatchStage(int SplitStep, string Input, string GraphInput, string Output, ImmutableArray<StageOp> Ops)
{
    public int FirstStep => Ops[0].Step;

    /// <summary>Every activation tensor the stage touches: its input, the tensors between its ops, its output.</summary>
    public IEnumerable<string> Tensors => Ops.SelectMany(o => o.Operands.Select(x => x.Tensor).Append(o.Output)).Distinct(StringComparer.Ordinal);

    /// <summary>Tensors produced and consumed inside the stage: only a tile of each is ever stored.</summary>
    public IEnumerable<string> Intermediates => Ops.Select(o => o.Output).Where(t => t != Output);

    /// <summary>The steps after which the graph can be split, with the stage each gives (nothing when none can).</summary>
    public static IEnumerable<PatchStage> Candidates(Graph graph)
    {
        for (var step = 0; step < graph.Operations.Length; step++)
        {
            var stage = TryCreate(graph, step, out _);
            if (stage is not null) yield return stage;
        }
    }

    /// <summary>The stage ending after step <paramref name="splitStep"/>, or null with the reason it cannot be one.</summary>
    public static PatchStage? TryCreate(Graph graph, int splitStep, out string reason)
    {
        var ops = graph.Operations;
        if (splitStep < 0 || splitStep >= ops.Length) { reason = $"step {splitStep} is outside 0..{ops.Length - 1}"; return null; }
        if (graph.Inputs.Length != 1) { reason = "the model has more than one input"; return null; }
        var graphInput = graph.Inputs[0];
        if (!IsImage(graph[graphInput])) { reason = $"the input '{graphInput}' is not an int8 [1, H, W, C] tensor"; return null; }

        // Leading Reshapes that keep the shape are aliases of the input: the stage reads through them.
        var input = graphInput;
        var first = 0;
        while (first < ops.Length && ops[first] is Reshape r && r.Input == input && graph[r.Output].Shape.SequenceEqual(graph[input].Shape))
        {
            input = r.Output;
            first++;
        }
        if (splitStep < first) { reason = $"step {splitStep} is a reshape of the input"; return null; }

        var stageOps = ImmutableArray.CreateBuilder<StageOp>();
        for (var step = first; step <= splitStep; step++)
        {
            var op = StageOpFor(graph, ops[step], step, out reason);
            if (op is null) return null;
            stageOps.Add(op);
        }
        var produced = stageOps.Select(o => o.Output).ToHashSet(StringComparer.Ordinal);
        var known = new HashSet<string>(produced, StringComparer.Ordinal) { input };
        foreach (var op in stageOps)
            foreach (var operand in op.Operands)
                if (!known.Contains(operand.Tensor)) { reason = $"{op.Op} reads '{operand.Tensor}', which the stage does not produce"; return null; }

        var output = ops[splitStep].Outputs[0];
        // Only the stage output may be seen after the split: everything else exists one tile at a time.
        foreach (var tensor in produced.Append(input).Append(graphInput))
        {
            if (tensor == output) continue;
            if (graph.IsGraphOutput(tensor)) { reason = $"'{tensor}' is a model output inside the stage"; return null; }
            for (var step = splitStep + 1; step < ops.Length; step++)
                if (ops[step].Inputs.Contains(tensor)) { reason = $"'{tensor}' is read after the split by {ops[step]}"; return null; }
        }
        // An op whose output nothing in the stage reads would never be tiled.
        foreach (var op in stageOps)
            if (op.Output != output && !stageOps.Any(o => o.Operands.Any(x => x.Tensor == op.Output)))
            { reason = $"the output of {op.Op} is not used in the stage"; return null; }

        reason = "";
        return new PatchStage(splitStep, input, graphInput, output, stageOps.ToImmutable());
    }

    private static StageOp? StageOpFor(Graph graph, Operation op, int step, out string reason)
    {
        reason = "";
        var output = op.Outputs.Length == 1 ? op.Outputs[0] : null;
        if (output is null || !IsImage(graph[output])) { reason = $"{op} does not produce one int8 [1, H, W, C] tensor"; return null; }
        switch (op)
        {
            case Conv2D conv when conv.Layout == Layout.Nhwc && IsImage(graph[conv.Input]):
                return new StageOp(op, step, [Windowed(conv.Input, conv.Window)], output);
            case Pool2D pool when !pool.Global && pool.Layout == Layout.Nhwc && IsImage(graph[pool.Input]):
                return new StageOp(op, step, [Windowed(pool.Input, pool.Window)], output);
            case Binary { Op: BinaryKind.Add or BinaryKind.Mul } b
                when IsImage(graph[b.A]) && IsImage(graph[b.B]) && graph[b.A].Shape.SequenceEqual(graph[b.B].Shape) && graph[b.A].Shape.SequenceEqual(graph[output].Shape):
                return new StageOp(op, step, [Pointwise(b.A), Pointwise(b.B)], output);
            case Activation a when IsImage(graph[a.Input]):
                return new StageOp(op, step, [Pointwise(a.Input)], output);
            case Quantize q when IsImage(graph[q.Input]) && graph[q.Input].Shape.SequenceEqual(graph[output].Shape):
                // int8 → int8 requantization (what the passes insert before a concat or after a pool)
                return new StageOp(op, step, [Pointwise(q.Input)], output);
            case Concat concat when (concat.Axis == 3 || concat.Axis == -1) &&
                                    concat.Parts.All(p => IsImage(graph[p]) && graph[p].Shape.Take(3).SequenceEqual(graph[output].Shape.Take(3))):
                // along channels: every part's tile is the output's tile
                return new StageOp(op, step, concat.Parts.Select(Pointwise).ToImmutableArray(), output);
            default:
                reason = $"{op} cannot run on tiles";
                return null;
        }
    }

    private static StageOperand Windowed(string tensor, Window2D w) =>
        new(tensor, new WindowAxis(w.KernelH, w.StrideH, w.DilationH, w.Padding.Top), new WindowAxis(w.KernelW, w.StrideW, w.DilationW, w.Padding.Left));

    private static StageOperand Pointwise(string tensor) => new(tensor, WindowAxis.Identity, WindowAxis.Identity);

    private static bool IsImage(Tensor t) => !t.IsConstant && t.Type == ElementType.Int8 && t.Rank == 4 && t.Shape[0] == 1;
}
