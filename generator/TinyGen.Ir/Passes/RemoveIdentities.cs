using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Identity (and inference-time Dropout) ops disappear: their readers read the input. One that
/// writes a graph output becomes a Reshape, which the planner aliases, so the output keeps its name.
/// </summary>
public sealed class RemoveIdentities : IGraphPass
{
    public string Name => "remove-identities";

    public Graph Run(Graph graph)
    {
        foreach (var id in graph.Operations.OfType<Identity>().ToList())
            graph = graph.IsGraphOutput(id.Output)
                ? graph.Replace(id, new Reshape(id.Name, id.Input, id.Output, new ReshapeRule.Given()))
                : graph.Remove(id).RedirectUses(id.Output, id.Input);
        return graph.WithoutUnusedTensors();
    }
}
