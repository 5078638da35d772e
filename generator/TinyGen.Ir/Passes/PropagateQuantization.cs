using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Integer tensors that only pass through layout ops or max pooling may lack quantization
/// parameters in the file (nothing dequantizes them directly, e.g. an int8 graph input reshaped
/// before its DequantizeLinear). Those ops keep real values unchanged, so the parameters are
/// copied across them, forwards and backwards, until nothing changes.
/// </summary>
public sealed class PropagateQuantization : IGraphPass
{
    public string Name => "propagate-quantization";

    public Graph Run(Graph graph)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var op in graph.Operations.Where(o => o is Reshape or Transpose or Pool2D { Pool: PoolKind.Max } or Activation))
            {
                var (input, output) = (graph[op.Inputs[0]], graph[op.Outputs[0]]);
                if (!input.Type.IsQuantizedInteger() || input.Type != output.Type) continue;
                if (input.Quantization is null && output.Quantization is { IsPerChannel: false } q)
                    graph = graph.WithTensor(input with { Quantization = q });
                else if (output.Quantization is null && input.Quantization is { IsPerChannel: false } p)
                    graph = graph.WithTensor(output with { Quantization = p });
                else continue;
                changed = true;
            }
        } while (changed);
        return graph;
    }
}
