using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// The user-facing side of <see cref="LoweredGraph"/>'s point 3: after lowering, an op that computes must see
/// int8 activations. A model whose activation tensors are int16, int32 or int64 (a wrong type in the file,
/// or a mixed-precision model) is refused here naming the op and the tensor, instead of failing the
/// contract check as if TinyGen had a bug.
/// </summary>
public sealed class RejectNonInt8Compute : IGraphPass
{
    public string Name => "reject-non-int8-compute";

    public Graph Run(Graph graph)
    {
        foreach (var op in graph.Operations.Where(LoweredGraph.ComputesOnInt8))
            foreach (var t in op.Inputs.Concat(op.Outputs).Select(n => graph[n]).Where(t => !t.IsConstant && t.Type != ElementType.Int8))
                throw new TinyGenException($"{op}: tensor '{t.Name}' is {t.Type.DisplayName()}; TinyGen computes with int8 or uint8 activations only");
        return graph;
    }
}
