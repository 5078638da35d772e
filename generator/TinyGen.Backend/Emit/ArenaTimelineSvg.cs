using System.Globalization;
using System.Security;
using TinyGen.Planning;

namespace TinyGen.Emit;

/// <summary>
/// The arena plan as an SVG memory timeline (templates/plan/timeline.svg.hbs): x is the execution
/// step, y the arena offset, one rectangle per storage block (tensors written in place of another
/// listed on their block), scratch drawn apart, the lower bound as a dashed line. This class only
/// computes coordinates and XML-escapes model text; the SVG itself is the template's.
/// </summary>
public static class ArenaTimelineSvg
{
    private const double StepWidth = 36;
    private const double PlotHeight = 480;
    private const double Left = 90;
    private const double Top = 40;

    public static string Render(ArenaPlan plan, string title, TemplateSet? templates = null)
    {
        var steps = Math.Max(1, plan.StepCount);
        var arena = Math.Max(1, plan.TotalBytes);
        var scale = PlotHeight / arena;
        string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var blocks = plan.Buffers
            .GroupBy(b => (b.Kind, b.Storage))
            .OrderBy(g => g.First().Offset).ThenBy(g => g.First().FirstStep)
            .Select(g =>
            {
                var b = g.First();
                var names = g.Where(x => x.Kind == BufferKind.Scratch || !x.IsAlias).Select(x => x.TensorName)
                    .Concat(g.Where(x => x.IsAlias).Select(x => x.TensorName)).ToList();
                var start = g.Min(x => x.Offset);
                var size = g.Max(x => x.End) - start;
                // Tensors sharing storage keep their own lifetimes; the block spans them all.
                var firstStep = g.Min(x => x.FirstStep);
                var lastStep = g.Max(x => x.LastStep);
                var height = Math.Max(1, size * scale);
                var label = b.Kind == BufferKind.Scratch ? "scratch" : names[0] + (names.Count > 1 ? $" (+{names.Count - 1} in place)" : "");
                return new
                {
                    X = N(Left + firstStep * StepWidth),
                    Y = N(Top + start * scale),
                    Width = N((lastStep - firstStep + 1) * StepWidth),
                    Height = N(height),
                    Class = b.Kind == BufferKind.Scratch ? "scratch" : names.Count > 1 ? "inplace" : "tensor",
                    ShowLabel = height >= 11,
                    LabelX = N(Left + firstStep * StepWidth + 3),
                    LabelY = N(Top + start * scale + Math.Min(height, 14) - 3),
                    Label = Xml(Shorten(label, (int)((lastStep - firstStep + 1) * StepWidth / 6.5))),
                    Tooltip = Xml($"{string.Join(" = ", names)}: {size} B at [{start}, {start + size}), steps {firstStep}..{lastStep}"),
                };
            }).ToList();
        var ticks = Enumerable.Range(0, steps).Where(s => steps <= 40 || s % 5 == 0)
            .Select(s => new { X = N(Left + (s + 0.5) * StepWidth), Label = s.ToString(CultureInfo.InvariantCulture) }).ToList();
        var boundY = Top + Math.Min(plan.LowerBound, arena) * scale;
        return (templates ?? TemplateSet.Default()).Render("plan/timeline.svg.hbs", new
        {
            Width = N(Left + steps * StepWidth + 20),
            Height = N(Top + PlotHeight + 50),
            PlotLeft = N(Left),
            PlotTop = N(Top),
            PlotRight = N(Left + steps * StepWidth),
            PlotBottom = N(Top + PlotHeight),
            Title = Xml(title),
            Summary = Xml($"arena {plan.TotalBytes:N0} B, lower bound {plan.LowerBound:N0} B (gap {plan.GapPercent.ToString("0.0", CultureInfo.InvariantCulture)}%), alignment {plan.Alignment}"),
            BoundY = N(boundY),
            BoundLabel = Xml($"lower bound {plan.LowerBound:N0} B"),
            ArenaLabel = Xml($"{plan.TotalBytes:N0} B"),
            AxisLabelY = N(Top + PlotHeight + 36),
            TickY = N(Top + PlotHeight + 16),
            Blocks = blocks,
            Ticks = ticks,
        });
    }

    private static string Shorten(string text, int max) => max < 4 ? "" : text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Xml(string text) => SecurityElement.Escape(new string(text.Where(c => c >= 0x20 || c == '\t').ToArray())) ?? "";
}
