using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Removes data movement that does nothing: a Transpose that keeps every byte in place becomes a
/// Reshape (aliased by the planner), and an int8 requantize to the same scale and zero point
/// disappears (or becomes a Reshape when it names a graph output).
/// </summary>
public sealed class SimplifyDataMovement : IGraphPass
{
    public string Name => "simplify-data-movement";

    public Graph Run(Graph graph)
    {
        foreach (var op in graph.Operations.ToList())
        {
            switch (op)
            {
                case Transpose t when ShapeMath.IsMemoryOrderPreserving(graph[t.Input].Shape, t.Perm):
                    graph = graph.Replace(op, new Reshape(t.Name, t.Input, t.Output, new ReshapeRule.Given()));
                    break;
                case Quantize q when graph[q.Input].Type == graph[q.Output].Type && graph[q.Input].Type != ElementType.Float32
                                     && Equals(graph[q.Input].Quantization, graph[q.Output].Quantization):
                    graph = graph.Bypass(op, q.Input);
                    break;
            }
        }
        return graph.WithoutUnusedTensors();
    }
}
