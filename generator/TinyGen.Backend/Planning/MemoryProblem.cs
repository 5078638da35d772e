using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning;

/// <summary>
/// What the planner places: the byte size of every activation tensor, the graph's inputs and outputs,
/// and the steps in a valid (topological) order that the planner may change. Constants are not here:
/// they live in flash.
/// </summary>
public sealed record MemoryProblem(
    string Name,
    ImmutableDictionary<string, long> Sizes,
    ImmutableArray<string> Inputs,
    ImmutableArray<string> Outputs,
    ImmutableArray<MemoryStep> Steps)
{
    /// <summary>The lowered graph with the kernel calls that will run it (one per op, in graph order).</summary>
    public static MemoryProblem From(Graph lowered, IReadOnlyList<KernelCall> calls)
    {
        if (calls.Count != lowered.Operations.Length)
            throw new TinyGenException($"internal: {calls.Count} kernel calls for {lowered.Operations.Length} ops");
        bool IsActivation(string name) => !lowered[name].IsConstant;
        var steps = calls.Select(call => new MemoryStep(
            call.Op.ToString(),
            call.Op.Inputs.Where(IsActivation).Distinct().ToImmutableArray(),
            call.Op.Outputs.ToImmutableArray(),
            call.ScratchBytes,
            InPlaceRules.For(lowered, call))).ToImmutableArray();
        var names = lowered.Inputs.Concat(lowered.Outputs).Concat(steps.SelectMany(s => s.Reads.Concat(s.Writes))).Distinct(StringComparer.Ordinal);
        var problem = new MemoryProblem(lowered.Name, names.ToImmutableDictionary(n => n, n => lowered[n].SizeInBytes, StringComparer.Ordinal),
            lowered.Inputs, lowered.Outputs, steps);
        problem.Validate();
        return problem;
    }

    /// <summary>
    /// The graph's ops with their views only (Reshape, and Transposes that leave the bytes in place),
    /// no kernel scratch and no overwrites: the layout other planners (the patch stage's) build on.
    /// </summary>
    public static MemoryProblem ViewsOnly(Graph lowered)
    {
        bool IsActivation(string name) => !lowered[name].IsConstant;
        var steps = lowered.Operations.Select(op =>
        {
            var view = op switch
            {
                Reshape r => r.Input,
                Transpose t when TransposeView.IsIdentityInMemory(lowered[t.Input].Shape, t.Perm, lowered[t.Input].Type.SizeInBytes()) => t.Input,
                _ => null,
            };
            if (view is not null && !IsActivation(view))
                throw new TinyGenException($"internal: {op} views the constant '{view}'; constant reshapes should have been folded");
            return new MemoryStep(op.ToString(), op.Inputs.Where(IsActivation).Distinct().ToImmutableArray(), op.Outputs.ToImmutableArray(), 0,
                view is null ? [] : [new InPlaceOption(InPlaceKind.View, view, op.Outputs[0])]);
        }).ToImmutableArray();
        var names = lowered.Inputs.Concat(lowered.Outputs).Concat(steps.SelectMany(s => s.Reads.Concat(s.Writes))).Distinct(StringComparer.Ordinal);
        var problem = new MemoryProblem(lowered.Name, names.ToImmutableDictionary(n => n, n => lowered[n].SizeInBytes, StringComparer.Ordinal),
            lowered.Inputs, lowered.Outputs, steps);
        problem.Validate();
        return problem;
    }

    /// <summary>Every read has a writer in an earlier step or is a graph input; every tensor has a size.</summary>
    public void Validate()
    {
        var available = new HashSet<string>(Inputs, StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            foreach (var read in step.Reads)
                if (!available.Contains(read))
                    throw new TinyGenException($"internal: {step.Label} reads '{read}' before anything produces it");
            foreach (var write in step.Writes)
                if (!available.Add(write))
                    throw new TinyGenException($"internal: '{write}' is written twice (again by {step.Label})");
        }
        foreach (var name in Outputs.Concat(available))
            if (!Sizes.ContainsKey(name))
                throw new TinyGenException($"internal: the planner has no size for '{name}'");
        foreach (var output in Outputs)
            if (!available.Contains(output))
                throw new TinyGenException($"internal: graph output '{output}' is never produced");
    }
}
