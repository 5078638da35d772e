using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// After QDQ folding every op that computes must be integer. A float op left over means the model
/// (or that part of it) is not quantized: say which node, instead of emitting float code.
/// </summary>
public sealed class RejectFloatCompute : IGraphPass
{
    public string Name => "reject-float-compute";

    public Graph Run(Graph graph)
    {
        foreach (var op in graph.Operations)
        {
            if (op is Quantize or Dequantize or Reshape or Transpose) continue;
            var floats = op.Inputs.Concat(op.Outputs).Where(t => graph[t].Type == ElementType.Float32).ToList();
            if (floats.Count == 0) continue;
            var quantized = graph.Operations.Any(o => o is Quantize or Dequantize) || graph.Tensors.Values.Any(t => t.Type == ElementType.Int8 && !t.IsConstant);
            throw new TinyGenException(quantized
                ? $"{op} computes in float ('{floats[0]}' is float32): TinyGen compiles int8 ops only, and this node is not surrounded by QuantizeLinear/DequantizeLinear"
                : $"model '{graph.Name}' is not quantized ({op} computes in float32): quantize it to int8 or uint8 (QDQ or QOperator form) first");
        }
        return graph;
    }
}
