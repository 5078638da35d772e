using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Moves DequantizeLinear below ops that commute with it exactly — layout ops, max pooling,
/// concatenation of equally quantized inputs, padding with a representable value — so they run
/// on integers; then cancels each QuantizeLinear(DequantizeLinear(x)) into nothing (same
/// quantization) or one integer requantize. This turns QOperator models' float Transpose/Reshape
/// islands and QDQ models' Q/DQ pairs around pooling into plain int8 ops.
/// </summary>
public sealed class SinkDequantize : IGraphPass
{
    public string Name => "sink-dequantize";

    public Graph Run(Graph graph)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var op in graph.Operations)
            {
                var next = op is Quantize q ? TryCancel(graph, q) : TrySink(graph, op);
                if (next is null) continue;
                graph = next;
                changed = true;
                break;
            }
        } while (changed);
        return graph.WithoutDeadOperations();
    }

    private static Graph? TrySink(Graph g, Operation op)
    {
        if (op is not (Reshape or Transpose or Pool2D { Pool: PoolKind.Max } or Concat or Pad)) return null;
        if (g[op.Outputs[0]].Type != ElementType.Float32) return null;
        var dequantized = op.Inputs.Select(i => g.Producer(i) as Dequantize).ToList();
        if (dequantized.Any(d => d is null)) return null;
        var sources = dequantized.Select(d => g[d!.Input]).ToList();
        var quant = sources[0].Quantization;
        if (quant is null || quant.IsPerChannel || sources.Any(s => s.IsConstant || s.Type != sources[0].Type || !Equals(s.Quantization, quant))) return null;

        var intOp = op;
        if (op is Pad pad)
        {
            // The pad value must be exactly representable in the integer domain.
            var q = Math.Round(pad.Value / quant.Scale) + quant.ZeroPoint;
            if (quant.Scale * (float)(q - quant.ZeroPoint) != pad.Value) return null;
            intOp = pad with { Value = (float)q };
        }
        var output = g[op.Outputs[0]];
        var intName = g.UniqueTensorName(output.Name + "_q");
        var intTensor = output with { Name = intName, Type = sources[0].Type, Quantization = quant };
        var map = dequantized.Select((d, i) => (d!.Output, d.Input)).ToDictionary(p => p.Output, p => p.Input);
        intOp = intOp.RenameTensors(n => map.TryGetValue(n, out var src) ? src : n == output.Name ? intName : n);
        return g.WithTensor(intTensor).Replace(op, intOp, new Dequantize(op.Name + "_dequantize", intName, output.Name));
    }

    private static Graph? TryCancel(Graph g, Quantize q)
    {
        if (g.Producer(q.Input) is not Dequantize d) return null;
        var (source, target) = (g[d.Input], g[q.Output]);
        if (source.Quantization is { IsPerChannel: true }) return null;
        if (source.Type == target.Type && Equals(source.Quantization, target.Quantization))
            return g.Bypass(q, d.Input);
        return g.Replace(q, new Quantize(q.Name, d.Input, q.Output));
    }
}
