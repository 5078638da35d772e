using System.Globalization;
using System.Text;

namespace TinyGen.Planning;

/// <summary>
/// A human-readable arena map: one line per tensor with its byte range, size and live steps, and a
/// timeline bar (one column per step, '#' while live) so overlapping lifetimes are visible at a glance.
/// </summary>
public static class ArenaMapPrinter
{
    public static string Print(ArenaPlan plan, int maxTimelineColumns = 64)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"arena: {plan.TotalBytes} bytes (lower bound {plan.LowerBound}, alignment {plan.Alignment}), {plan.Buffers.Length} buffers, {plan.StepCount} steps\n");
        var showTimeline = plan.StepCount > 0 && plan.StepCount <= maxTimelineColumns;
        var nameWidth = Math.Min(48, plan.Buffers.Select(b => b.TensorName.Length).DefaultIfEmpty(6).Max());
        foreach (var b in plan.Buffers)
        {
            var name = b.TensorName.Length > nameWidth ? b.TensorName[..(nameWidth - 1)] + "~" : b.TensorName;
            sb.Append(inv, $"{b.Offset,10} .. {b.End,10}  {b.Size,10} B  steps {b.FirstStep,4}..{b.LastStep,-4} ");
            if (showTimeline)
            {
                sb.Append('|');
                for (var s = 0; s < plan.StepCount; s++) sb.Append(s >= b.FirstStep && s <= b.LastStep ? '#' : '.');
                sb.Append("| ");
            }
            sb.Append(name.Replace('\n', ' ').Replace('\r', ' '));
            if (b.IsAlias) sb.Append(" (in place of ").Append(b.Storage.Replace('\n', ' ').Replace('\r', ' ')).Append(')');
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
