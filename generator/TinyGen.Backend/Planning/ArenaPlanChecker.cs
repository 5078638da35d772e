using TinyGen.Diagnostics;

namespace TinyGen.Planning;

/// <summary>
/// Independent check of any plan: two buffers (tensors or scratch) with different storage that are
/// live at a common step must not share a byte, every buffer must fit in the arena and be aligned,
/// and the arena can never be smaller than the lower bound.
/// </summary>
public static class ArenaPlanChecker
{
    public static IReadOnlyList<string> FindProblems(ArenaPlan plan)
    {
        var problems = new List<string>();
        var buffers = plan.Buffers;
        foreach (var b in buffers)
        {
            if (b.Offset < 0 || b.End > plan.TotalBytes)
                problems.Add($"'{b.TensorName}' [{b.Offset}, {b.End}) lies outside the arena of {plan.TotalBytes} bytes");
            if (plan.Alignment > 0 && b.Offset % plan.Alignment != 0)
                problems.Add($"'{b.TensorName}' at offset {b.Offset} is not aligned to {plan.Alignment}");
            if (b.FirstStep > b.LastStep)
                problems.Add($"'{b.TensorName}' has an empty lifetime {b.FirstStep}..{b.LastStep}");
        }
        for (var i = 0; i < buffers.Length; i++)
        for (var j = i + 1; j < buffers.Length; j++)
        {
            var (a, b) = (buffers[i], buffers[j]);
            // Tensors sharing storage overlap by design (an output written over its input may start below it).
            if (a.SharesStorageWith(b)) continue;
            if (a.LifetimeOverlaps(b) && a.MemoryOverlaps(b))
                problems.Add($"'{a.TensorName}' [{a.Offset}, {a.End}) steps {a.FirstStep}..{a.LastStep} overlaps " +
                             $"'{b.TensorName}' [{b.Offset}, {b.End}) steps {b.FirstStep}..{b.LastStep}");
        }
        if (plan.LowerBound > plan.TotalBytes)
            problems.Add($"arena of {plan.TotalBytes} bytes is below the lower bound {plan.LowerBound}");
        return problems;
    }

    public static void Verify(ArenaPlan plan)
    {
        var problems = FindProblems(plan);
        if (problems.Count > 0)
            throw new TinyGenException("internal: invalid arena plan: " + string.Join("; ", problems), ExitCodes.UserError);
    }
}
