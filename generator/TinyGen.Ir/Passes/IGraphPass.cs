using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>One rewrite of the graph. A pass that changes nothing returns the same instance.</summary>
public interface IGraphPass
{
    string Name { get; }
    Graph Run(Graph graph);
}
