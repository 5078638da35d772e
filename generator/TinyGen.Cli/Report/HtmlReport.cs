using System.Globalization;
using TinyGen.Analysis;
using TinyGen.Cli.Commands;
using TinyGen.Emit;
using TinyGen.Ir;
using TinyGen.Run;

namespace TinyGen.Cli.Report;

/// <summary>
/// One self-contained HTML page about a compiled model: summary, per-layer table, the arena's memory
/// timeline and the flash/SRAM budget bars, all inline (CSS and SVG, no external resources). The page
/// text lives in templates/report/; this class computes numbers and SVG coordinates and escapes every
/// string that comes from the model.
/// </summary>
public static class HtmlReport
{
    private const int TimelineWidth = 760;
    private const int TimelineHeight = 260;
    private const int BarWidth = 560;

    public static string Render(Compilation c, VerificationResult? run, TemplateSet? templates = null)
    {
        templates ??= TemplateSet.Default();
        var g = c.Lowered;
        var plan = c.Project.Plan;
        var layers = ModelReport.Layers(c);
        var total = OpCost.Total(g);
        var rows = layers.Select((layer, i) =>
        {
            var outputName = layer.Op.Outputs[0];
            var placed = plan.Contains(outputName) ? plan[outputName] : null;
            return new
            {
                Index = N(i),
                Name = HtmlText.Escape(layer.Op.Name),
                Op = HtmlText.Escape(layer.Op.Kind),
                Kernel = HtmlText.Escape(layer.Kernel.Length > 0 ? layer.Kernel : "(alias: no code)"),
                Inputs = HtmlText.Escape(string.Join(" ", layer.Op.Inputs.Where(n => !g[n].IsConstant).Select(n => g[n].Type.DisplayName() + g[n].ShapeText))),
                Output = HtmlText.Escape(g[outputName].Type.DisplayName() + g[outputName].ShapeText),
                Macs = N(layer.Cost.Macs),
                Params = N(layer.Cost.Parameters),
                Arena = placed is null ? "-" : $"{N(placed.Offset)} (+{N(placed.Size)})",
            };
        }).ToList();

        var sramUsed = c.SramBytes;
        var flashUsed = run?.FlashBytes ?? c.Project.WeightFlashBytes;
        var view = new
        {
            Title = HtmlText.Escape($"{g.Name} on {c.Board.Name}"),
            Model = HtmlText.Escape(g.Name),
            ModelPath = HtmlText.Escape(c.ModelPath),
            Board = HtmlText.Escape(c.Board.Name),
            BoardDescription = HtmlText.Escape(c.Board.Description),
            Core = HtmlText.Escape(c.Board.Core),
            Clock = HtmlText.Escape($"{c.Board.CpuHz / 1_000_000.0:0.#} MHz"),
            ImportedOps = N(c.Imported.Operations.Length),
            Layers = N(g.Operations.Length),
            Macs = N(total.Macs),
            Params = N(total.Parameters),
            Weights = N(c.Project.WeightFlashBytes),
            ArenaBytes = N(plan.TotalBytes),
            ArenaLowerBound = N(plan.LowerBound),
            Stack = N((long)c.Board.StackSize),
            Inputs = g.Inputs.Select(n => HtmlText.Escape($"{n}: {g[n].Type.DisplayName()}{g[n].ShapeText} {g[n].Quantization}")).ToList(),
            Outputs = g.Outputs.Select(n => HtmlText.Escape($"{n}: {g[n].Type.DisplayName()}{g[n].ShapeText} {g[n].Quantization}")).ToList(),
            Rows = rows,
            Measured = run is not null,
            Instructions = run is null ? "" : N(run.Instructions),
            MeasuredStack = run is null ? "" : N(run.StackBytes),
            Match = run?.Match ?? false,
            Timeline = Timeline(c),
            Bars = new[]
            {
                Bar(0, "SRAM", sramUsed, (long)c.Board.Budget.Sram, $"arena {N(plan.TotalBytes)} B + stack {N((long)c.Board.StackSize)} B"),
                Bar(64, "flash", flashUsed, (long)c.Board.Budget.Flash,
                    run is null ? $"weights and constants {N(c.Project.WeightFlashBytes)} B (code not counted; --run measures the image)" : $"whole firmware image {N(flashUsed)} B (code, weights, data)"),
            },
            BarWidth = I(BarWidth + 40),
        };
        return templates.Render("report/report.html.hbs", view);
    }

    /// <summary>Every arena buffer as a rectangle: x from its first to its last step, y its byte range.</summary>
    private static object Timeline(Compilation c)
    {
        var plan = c.Project.Plan;
        var steps = Math.Max(1, plan.StepCount);
        var bytes = Math.Max(1, plan.TotalBytes);
        const int left = 70, top = 10, bottom = 30;
        var plotWidth = TimelineWidth - left - 10;
        var plotHeight = TimelineHeight - top - bottom;
        double X(int step) => left + plotWidth * (double)step / steps;
        double Y(long offset) => top + plotHeight - plotHeight * (double)offset / bytes;
        var buffers = plan.Buffers.Where(b => !b.IsAlias && b.Size > 0).Select((b, i) => new
        {
            X = F(X(b.FirstStep)),
            Y = F(Y(b.End)),
            Width = F(Math.Max(2.0, X(b.LastStep + 1) - X(b.FirstStep))),
            Height = F(Math.Max(1.0, Y(b.Offset) - Y(b.End))),
            Hue = I(i * 47 % 360),
            Title = HtmlText.Escape($"{b.TensorName}: bytes {b.Offset}..{b.End} ({b.Size} B), steps {b.FirstStep}..{b.LastStep}"),
        }).ToList();
        return new
        {
            Width = I(TimelineWidth),
            Height = I(TimelineHeight),
            Buffers = buffers,
            PlotLeft = I(left),
            PlotRight = I(left + plotWidth),
            PlotTop = I(top),
            PlotBottom = I(top + plotHeight),
            AxisLabelY = I(top + plotHeight + 20),
            TopLabel = N(plan.TotalBytes) + " B",
            Steps = N(steps),
        };
    }

    private static object Bar(int top, string what, long used, long budget, string detail)
    {
        var fraction = budget <= 0 ? 1.0 : (double)used / budget;
        return new
        {
            Top = I(top),
            What = what,
            Used = N(used),
            Budget = N(budget),
            Percent = (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture),
            Width = F(Math.Min(1.0, fraction) * BarWidth),
            Full = I(BarWidth),
            Over = fraction > 1.0,
            Detail = HtmlText.Escape(detail),
        };
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate: no thousands separators.</summary>
    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
