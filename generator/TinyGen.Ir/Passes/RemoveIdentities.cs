using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Identity (and inference-time Dropout) ops disappear (see <see cref="GraphRewrites.Bypass"/>).
/// </summary>
public sealed class RemoveIdentities : IGraphPass
{
    public string Name => "remove-identities";

    public Graph Run(Graph graph)
    {
        foreach (var id in graph.Operations.OfType<Identity>().ToList())
            graph = graph.Bypass(id, id.Input);
        return graph.WithoutUnusedTensors();
    }
}
