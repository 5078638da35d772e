using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Lowering;
using TinyGen.Planning;
using TinyGen.Planning.Patching;

namespace TinyGen.Emit.Patching;

/// <summary>
/// Renders the per-patch stage as one loop over tiles (templates/patch/stage.c.hbs): the stage's
/// tile geometry as const tables, the input window fetched (copied from the full input or pulled
/// through the input callback), each op called once per tile on its window with the tile's
/// padding (templates/patch/&lt;kernel&gt;.c.hbs, fed the op's ordinary call view: the core's fast
/// kernel where it runs on tiles, its scratch in the tile arena), and the output
/// tile pasted into the full stage output. The ops before and after the stage render as usual.
/// </summary>
internal sealed class PatchStageEmitter(TileGeometry geometry, ArenaPlan plan, string arena, string prefix, bool inputCallback)
{
    /// <summary>The functions the stage calls besides its ops' kernels.</summary>
    public static readonly ImmutableArray<string> WindowFunctions = ["tg_window_copy_s8", "tg_window_paste_s8"];

    public static string ReadInputFunction(string prefix) => prefix + "_read_input";

    /// <param name="callView">the ordinary template and view of each op (by step)</param>
    /// <returns>One entry per op outside the stage and one for the whole stage, which marks each of its
    /// ops' layers itself (every tile adds to them), so a measurement build still reports one count per step.</returns>
    public List<RenderedCall> RenderCalls(ImmutableArray<KernelCall> calls, Func<int, KernelCall, (string Template, object View)> callView, TemplateSet templates)
    {
        var stage = geometry.Stage;
        // The plan may run the ops after the split in another order; the stage's ops keep theirs, one after another.
        var first = plan.Steps.IsDefaultOrEmpty ? stage.FirstStep : plan.Steps.Select((s, p) => (s, p)).Single(x => x.s.Op == stage.FirstStep).p;
        for (var i = 0; i < stage.Ops.Length; i++)
            if (!plan.Steps.IsDefaultOrEmpty && plan.Steps[first + i].Op != stage.Ops[i].Step)
                throw new TinyGenException($"internal: the plan does not run the patch stage's ops {stage.FirstStep}..{stage.SplitStep} one after another");
        var rendered = new List<RenderedCall>();
        for (var step = 0; step < calls.Length; step++)
        {
            if (step == first)
            {
                rendered.Add(new RenderedCall(RenderStage(first, calls, callView, templates).TrimEnd('\n'), null));
                step = first + stage.Ops.Length - 1;
                continue;
            }
            var (template, view) = callView(step, calls[step]);
            rendered.Add(new RenderedCall(templates.Render(template, view).TrimEnd('\n'), CLiteral.Int(step)));
        }
        return rendered;
    }

    /// <param name="first">the position of the stage's first op in <paramref name="calls"/> (execution order)</param>
    private string RenderStage(int first, ImmutableArray<KernelCall> calls, Func<int, KernelCall, (string Template, object View)> callView, TemplateSet templates)
    {
        var stage = geometry.Stage;
        var tensors = stage.Tensors.ToList();
        string SpanTable(string tensor, bool rows) => $"span{tensors.IndexOf(tensor)}_{(rows ? "rows" : "cols")}";
        string ReadTable(int op, int operand, bool rows) => $"read{stage.Ops[op].Step}_{operand}_{(rows ? "rows" : "cols")}";

        var spans = tensors.SelectMany(t => new[] { true, false }.Select(rows =>
        {
            var axis = rows ? geometry.Rows : geometry.Cols;
            return new
            {
                Name = SpanTable(t, rows),
                Comment = CText.Comment($"'{t}' {(rows ? "rows" : "columns")} held per tile"),
                Count = CLiteral.Int(axis.TileCount),
                Values = string.Join(", ", axis.Spans[t].Select(s => $"{{ {CLiteral.Int(s.Start)}, {CLiteral.Int(s.Length)} }}")),
            };
        })).ToList();

        var reads = new List<object>();
        var ops = new List<RenderedCall>();
        for (var i = 0; i < stage.Ops.Length; i++)
        {
            var op = stage.Ops[i];
            var operands = op.Operands.Select((operand, k) =>
            {
                foreach (var rows in new[] { true, false })
                {
                    var axis = rows ? geometry.Rows : geometry.Cols;
                    var held = axis.Spans[operand.Tensor];
                    reads.Add(new
                    {
                        Name = ReadTable(i, k, rows),
                        Comment = CText.Comment($"{op.Op} reads '{operand.Tensor}': {(rows ? "rows" : "columns")} per tile"),
                        Count = CLiteral.Int(axis.TileCount),
                        Values = string.Join(", ", axis.Reads[i][k].Select((w, t) =>
                            $"{{ {CLiteral.Int(w.Span.Start - held[t].Start)}, {CLiteral.Int(w.Span.Length)}, {CLiteral.Int(w.Padding)} }}")),
                    });
                }
                var crop = PatchedArenaPlanner.NeedsCropBuffer(geometry, i, k);
                return new
                {
                    Index = CLiteral.Int(k),
                    Rows = ReadTable(i, k, true),
                    Cols = ReadTable(i, k, false),
                    HeldCols = SpanTable(operand.Tensor, false),
                    Channels = CLiteral.Int(geometry.Channels(operand.Tensor)),
                    Crop = crop,
                    Source = Buffer(PatchBuffers.TileOf(stage, operand.Tensor)),
                    CropBuffer = crop ? Buffer(PatchBuffers.Crop(stage, i, k)) : null,
                };
            }).ToList();
            var (template, view) = callView(first + i, calls[first + i]);
            var code = templates.Render(TileTemplate(template, op), new
            {
                Call = view,
                Operands = operands,
                OutRows = SpanTable(op.Output, true),
                OutCols = SpanTable(op.Output, false),
                Channels = CLiteral.Int(geometry.Channels(op.Output)),
                Output = Buffer(PatchBuffers.TileOf(stage, op.Output)),
            }).TrimEnd('\n');
            // The last op's mark follows the paste of the output tile (stage.c.hbs).
            ops.Add(new RenderedCall(code, op.Step == stage.SplitStep ? null : CLiteral.Int(first + i)));
        }

        return templates.Render("patch/stage.c.hbs", new
        {
            FirstStep = CLiteral.Int(stage.FirstStep),
            SplitStep = CLiteral.Int(stage.SplitStep),
            RowTiles = CLiteral.Int(geometry.Rows.TileCount),
            ColTiles = CLiteral.Int(geometry.Cols.TileCount),
            TileRows = CLiteral.Int(geometry.Rows.TileSize),
            TileCols = CLiteral.Int(geometry.Cols.TileSize),
            OutputComment = CText.Comment(stage.Output),
            Spans = spans,
            Reads = reads,
            InputCallback = inputCallback,
            ReadInput = ReadInputFunction(prefix),
            Input = inputCallback ? null : Buffer(stage.Input),
            InputWidth = CLiteral.Int(geometry.Width(stage.Input)),
            InputChannels = CLiteral.Int(geometry.Channels(stage.Input)),
            InputTile = Buffer(PatchBuffers.InputTile(stage)),
            InputRows = SpanTable(stage.Input, true),
            InputCols = SpanTable(stage.Input, false),
            Ops = ops,
            OutputTile = Buffer(PatchBuffers.OutputTile(stage)),
            Output = Buffer(stage.Output),
            OutputWidth = CLiteral.Int(geometry.Width(stage.Output)),
            OutputChannels = CLiteral.Int(geometry.Channels(stage.Output)),
            OutputRows = SpanTable(stage.Output, true),
            OutputCols = SpanTable(stage.Output, false),
        });
    }

    private PointerView Buffer(string name) => new(false, "", "int8_t", arena, CLiteral.Int(plan[name].Offset));

    private static string TileTemplate(string callTemplate, StageOp op) => callTemplate switch
    {
        "calls/convolve.c.hbs" => "patch/convolve.c.hbs",
        "calls/depthwise_conv.c.hbs" => "patch/depthwise_conv.c.hbs",
        "calls/pointwise_conv_fast.c.hbs" => "patch/pointwise_conv_fast.c.hbs",
        "calls/convolve_wide.c.hbs" => "patch/convolve_wide.c.hbs",
        "calls/mve_gemm.c.hbs" => "patch/mve_gemm.c.hbs",
        "calls/pool.c.hbs" => "patch/pool.c.hbs",
        "calls/elementwise_add.c.hbs" => "patch/elementwise_add.c.hbs",
        "calls/elementwise_mul.c.hbs" => "patch/elementwise_mul.c.hbs",
        "calls/clamp.c.hbs" => "patch/clamp.c.hbs",
        "calls/requantize.c.hbs" => "patch/requantize.c.hbs",
        "calls/concat.c.hbs" => "patch/concat.c.hbs",
        _ => throw new TinyGenException($"internal: {op.Op} ({callTemplate}) has no tile template"),
    };
}
