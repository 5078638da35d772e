using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Planning;

/// <summary>One block of storage to place: the tensors sharing it, its size and its inclusive live range.</summary>
public sealed record StorageInterval(string Storage, ImmutableArray<string> Tensors, long Size, int FirstStep, int LastStep)
{
    public bool Overlaps(StorageInterval other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;
}

/// <summary>
/// Live ranges of a lowered graph's activation tensors over its execution order (step i = op i).
/// A tensor lives from the step that produces it (step 0 for graph inputs) to the last step that
/// reads it (the final step for graph outputs). A Reshape's output shares its input's storage, so
/// each alias group becomes one interval covering all its members' lifetimes.
/// </summary>
public static class TensorLifetimes
{
    public static ImmutableArray<StorageInterval> Analyze(Graph graph)
    {
        var ops = graph.Operations;
        var lastStep = Math.Max(0, ops.Length - 1);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var storageOf = new Dictionary<string, string>(StringComparer.Ordinal);

        bool IsActivation(string name) => !graph[name].IsConstant;

        void Touch(string name, int step)
        {
            first[name] = first.TryGetValue(name, out var f) ? Math.Min(f, step) : step;
            last[name] = last.TryGetValue(name, out var l) ? Math.Max(l, step) : step;
        }

        foreach (var input in graph.Inputs)
        {
            Touch(input, 0);
            storageOf[input] = input;
        }
        for (var step = 0; step < ops.Length; step++)
        {
            var op = ops[step];
            foreach (var input in op.Inputs.Where(IsActivation))
            {
                if (!first.ContainsKey(input))
                    throw new TinyGenException($"internal: {op} reads '{input}' before anything produces it");
                Touch(input, step);
            }
            foreach (var output in op.Outputs)
            {
                Touch(output, step);
                if (op is Reshape reshape)
                {
                    if (!IsActivation(reshape.Input))
                        throw new TinyGenException($"internal: {op} reshapes the constant '{reshape.Input}'; constant reshapes should have been folded");
                    storageOf[output] = storageOf[reshape.Input];
                }
                else
                {
                    storageOf[output] = output;
                }
            }
        }
        foreach (var output in graph.Outputs) Touch(output, lastStep);

        return storageOf
            .GroupBy(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var members = g.OrderBy(n => n, StringComparer.Ordinal).ToImmutableArray();
                return new StorageInterval(
                    g.Key,
                    members,
                    members.Max(m => graph[m].SizeInBytes),
                    members.Min(m => first[m]),
                    members.Max(m => last[m]));
            })
            .ToImmutableArray();
    }

    /// <summary>The most bytes simultaneously live at any step: no placement can use less.</summary>
    public static long LowerBound(IReadOnlyCollection<StorageInterval> intervals)
    {
        if (intervals.Count == 0) return 0;
        var steps = intervals.Max(i => i.LastStep) + 1;
        long best = 0;
        for (var step = 0; step < steps; step++)
            best = Math.Max(best, intervals.Where(i => i.FirstStep <= step && step <= i.LastStep).Sum(i => i.Size));
        return best;
    }
}
