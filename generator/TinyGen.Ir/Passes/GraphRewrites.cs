using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>Small, shared graph edits the passes are built from.</summary>
public static class GraphRewrites
{
    /// <summary>Every use of <paramref name="from"/> (op inputs and graph outputs) now reads <paramref name="to"/>.</summary>
    public static Graph RedirectUses(this Graph graph, string from, string to)
    {
        string Map(string name) => name == from ? to : name;
        var ops = graph.Operations.Select(op => op.Inputs.Contains(from) ? RenameInputs(op, Map) : op);
        var g = graph.WithOperations(ops);
        return g.Outputs.Contains(from) ? g.WithInputsAndOutputs(g.Inputs, g.Outputs.Select(Map)) : g;
    }

    /// <summary>Renames only the inputs of an op (an op may read and write different names).</summary>
    public static Operation RenameInputs(Operation op, Func<string, string> map)
    {
        var outputs = op.Outputs.ToHashSet(StringComparer.Ordinal);
        return op.RenameTensors(name => outputs.Contains(name) ? name : map(name));
    }

    public static Graph Replace(this Graph graph, Operation old, params Operation[] replacements)
    {
        var index = graph.Operations.IndexOf(old);
        if (index < 0) throw new InvalidOperationException($"{old} is not in the graph");
        return graph.WithOperations(graph.Operations.RemoveAt(index).InsertRange(index, replacements));
    }

    public static Graph Remove(this Graph graph, Operation op) => graph.WithOperations(graph.Operations.Remove(op));

    public static Graph InsertBefore(this Graph graph, Operation anchor, Operation op)
    {
        var index = graph.Operations.IndexOf(anchor);
        return graph.WithOperations(graph.Operations.Insert(index, op));
    }

    /// <summary>
    /// Removes an op that passes <paramref name="input"/> through unchanged: its readers read the
    /// input. One that writes a graph output becomes a Reshape instead (aliased by the planner,
    /// so free), because the output's name is the generated API's.
    /// </summary>
    public static Graph Bypass(this Graph graph, Operation op, string input)
    {
        var output = op.Outputs.Single();
        return graph.IsGraphOutput(output)
            ? graph.Replace(op, new Reshape(op.Name, input, output, new ReshapeRule.Given()))
            : graph.Remove(op).RedirectUses(output, input);
    }

    /// <summary>
    /// Gives graph input <paramref name="input"/> an internal twin: every op that read the input
    /// reads <paramref name="twin"/>, which <paramref name="convert"/>(input, twin) produces first.
    /// The graph's own input and output lists are unchanged.
    /// </summary>
    public static Graph WithInputConversion(this Graph graph, string input, Tensor twin, Func<string, string, Operation> convert)
    {
        var g = graph.RedirectUses(input, twin.Name).WithInputsAndOutputs(graph.Inputs, graph.Outputs);
        return g.WithTensor(twin).WithOperations(g.Operations.Insert(0, convert(input, twin.Name)));
    }

    /// <summary>
    /// Gives graph output <paramref name="output"/> an internal twin: its producer and every op
    /// that read it use <paramref name="twin"/>, and <paramref name="convert"/>(twin, output) runs last.
    /// </summary>
    public static Graph WithOutputConversion(this Graph graph, string output, Tensor twin, Func<string, string, Operation> convert)
    {
        var producer = graph.Producer(output) ?? throw new InvalidOperationException($"graph output '{output}' has no producer");
        graph = graph.WithTensor(twin).Replace(producer, producer.RenameTensors(n => n == output ? twin.Name : n));
        foreach (var consumer in graph.Consumers(output).ToList())
            graph = graph.Replace(consumer, RenameInputs(consumer, n => n == output ? twin.Name : n));
        return graph.WithOperations(graph.Operations.Add(convert(twin.Name, output)));
    }

    /// <summary>Ops whose outputs nobody reads (and are not graph outputs) go, repeatedly.</summary>
    public static Graph WithoutDeadOperations(this Graph graph)
    {
        while (true)
        {
            var read = new HashSet<string>(graph.Operations.SelectMany(o => o.Inputs).Concat(graph.Outputs), StringComparer.Ordinal);
            var live = graph.Operations.Where(o => o.Outputs.Any(read.Contains)).ToImmutableArray();
            if (live.Length == graph.Operations.Length) return graph.WithoutUnusedTensors();
            graph = graph.WithOperations(live);
        }
    }

    /// <summary>The single op reading <paramref name="tensor"/>, when exactly one does and it is not a graph output.</summary>
    public static Operation? SoleConsumer(this Graph graph, string tensor)
    {
        if (graph.IsGraphOutput(tensor)) return null;
        var consumers = graph.Consumers(tensor).Take(2).ToList();
        return consumers.Count == 1 ? consumers[0] : null;
    }

    public static Graph UpdateTensor(this Graph graph, string name, Func<Tensor, Tensor> update) => graph.WithTensor(update(graph[name]));
}
