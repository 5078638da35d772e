using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Folds weight-only subgraphs at compile time: Transpose/Reshape of constants, QuantizeLinear of
/// float constants (weights stored in float), and layout ops applied to a dequantized constant,
/// which move before the Dequantize (their quantization axis follows the permutation) so that
/// QDQ folding later finds an integer constant behind every DequantizeLinear.
/// </summary>
public sealed class FoldConstants : IGraphPass
{
    public string Name => "fold-constants";

    public Graph Run(Graph graph)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var op in graph.Operations)
            {
                var folded = TryFold(graph, op);
                if (folded is null) continue;
                graph = folded;
                changed = true;
                break;
            }
        } while (changed);
        return graph.WithoutDeadOperations();
    }

    private static Graph? TryFold(Graph g, Operation op)
    {
        switch (op)
        {
            case Transpose t when g[t.Input].IsConstant:
            {
                var c = g[t.Input];
                var data = ConstantMath.Transpose(c.Data!, c.Shape, t.Perm);
                var q = c.Quantization is { IsPerChannel: true } pq ? pq.WithAxis(t.Perm.IndexOf(pq.Axis)) : c.Quantization;
                return g.Remove(op).WithTensor(g[t.Output] with { Data = data, Type = c.Type, Quantization = q });
            }
            case Reshape r when g[r.Input].IsConstant && g[r.Input].Quantization is not { IsPerChannel: true }:
            {
                var c = g[r.Input];
                return g.Remove(op).WithTensor(g[r.Output] with { Data = c.Data, Type = c.Type, Quantization = c.Quantization });
            }
            case Quantize q when g[q.Input].IsConstant && g[q.Input].Type == ElementType.Float32:
            {
                var c = g[q.Input];
                var output = g[q.Output];
                var quant = output.RequireQuantization(op.ToString());
                return g.Remove(op).WithTensor(output with { Data = ConstantMath.Quantize(c.Data!.ToFloats(), quant, c.Shape, output.Type) });
            }
            case Transpose or Reshape when g.Producer(((UnaryOperation)op).Input) is Dequantize d && g[d.Input].IsConstant
                                          && g.SoleConsumer(d.Output) == op:
            {
                // layout(DQ(c)) = DQ(layout(c)): fold the layout op on the integer constant instead.
                var u = (UnaryOperation)op;
                var c = g[d.Input];
                var movedName = g.UniqueTensorName(c.Name + "_" + op.Kind.ToLowerInvariant());
                var moved = new Tensor(movedName, c.Type, g[u.Output].Shape, c.Quantization, null);
                if (op is Reshape && c.Quantization is { IsPerChannel: true }) return null;
                var movedOp = u with { Input = d.Input, Output = movedName };
                return g.WithTensor(moved).Replace(op, movedOp, new Dequantize(d.Name + "_moved", movedName, u.Output)).Remove(d);
            }
            default:
                return null;
        }
    }
}
