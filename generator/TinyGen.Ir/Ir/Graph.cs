using System.Collections.Immutable;
using TinyGen.Diagnostics;

namespace TinyGen.Ir;

/// <summary>
/// An immutable dataflow graph: tensors by name, operations in a topological execution order,
/// and the graph's input and output tensor names. Every rewrite returns a new graph; one that
/// changes nothing returns the same instance, so passes can tell cheaply whether they did anything.
/// </summary>
public sealed class Graph
{
    public Graph(string name, IEnumerable<Tensor> tensors, IEnumerable<Operation> operations, IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        Name = name;
        Tensors = tensors.ToImmutableSortedDictionary(t => t.Name, t => t, StringComparer.Ordinal);
        Operations = operations.ToImmutableArray();
        Inputs = inputs.ToImmutableArray();
        Outputs = outputs.ToImmutableArray();
    }

    private Graph(string name, ImmutableSortedDictionary<string, Tensor> tensors, ImmutableArray<Operation> operations, ImmutableArray<string> inputs, ImmutableArray<string> outputs)
    {
        Name = name;
        Tensors = tensors;
        Operations = operations;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The model's name as the file or metadata gives it (sanitized only when it reaches C).</summary>
    public string Name { get; }

    /// <summary>Sorted by name so that every iteration is deterministic.</summary>
    public ImmutableSortedDictionary<string, Tensor> Tensors { get; }
    public ImmutableArray<Operation> Operations { get; }
    public ImmutableArray<string> Inputs { get; }
    public ImmutableArray<string> Outputs { get; }

    public Tensor this[string tensorName] => Tensors.TryGetValue(tensorName, out var t)
        ? t : throw new TinyGenException($"graph '{Name}': no tensor named '{tensorName}'");

    public Operation? Producer(string tensorName) => Operations.FirstOrDefault(op => op.Outputs.Contains(tensorName));

    public IEnumerable<Operation> Consumers(string tensorName) => Operations.Where(op => op.Inputs.Contains(tensorName));

    public bool IsGraphOutput(string tensorName) => Outputs.Contains(tensorName);

    public Graph WithOperations(IEnumerable<Operation> operations)
    {
        var ops = operations.ToImmutableArray();
        return ops.SequenceEqual(Operations) ? this : new Graph(Name, Tensors, ops, Inputs, Outputs);
    }

    public Graph WithTensor(Tensor tensor) =>
        Tensors.TryGetValue(tensor.Name, out var existing) && ReferenceEquals(existing, tensor)
            ? this
            : new Graph(Name, Tensors.SetItem(tensor.Name, tensor), Operations, Inputs, Outputs);

    public Graph WithTensors(IEnumerable<Tensor> tensors) => tensors.Aggregate(this, (g, t) => g.WithTensor(t));

    public Graph WithInputsAndOutputs(IEnumerable<string> inputs, IEnumerable<string> outputs) =>
        new(Name, Tensors, Operations, inputs.ToImmutableArray(), outputs.ToImmutableArray());

    /// <summary>Drops tensors no op or graph edge refers to any more.</summary>
    public Graph WithoutUnusedTensors()
    {
        var used = new HashSet<string>(Inputs.Concat(Outputs).Concat(Operations.SelectMany(o => o.Inputs.Concat(o.Outputs))), StringComparer.Ordinal);
        var kept = Tensors.Where(kv => used.Contains(kv.Key)).Select(kv => kv.Value).ToList();
        return kept.Count == Tensors.Count ? this : new Graph(Name, kept, Operations, Inputs, Outputs);
    }

    /// <summary>A fresh tensor name, derived from <paramref name="stem"/>, that the graph does not use.</summary>
    public string UniqueTensorName(string stem)
    {
        if (!Tensors.ContainsKey(stem)) return stem;
        for (var i = 1; ; i++)
            if (!Tensors.ContainsKey($"{stem}_{i}")) return $"{stem}_{i}";
    }

    public T Op<T>(string name) where T : Operation => Operations.OfType<T>().Single(o => o.Name == name);
}
