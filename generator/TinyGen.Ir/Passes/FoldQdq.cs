using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// The QDQ fold: a float op whose data inputs all come from DequantizeLinear and whose result goes
/// only to one QuantizeLinear becomes the integer op on the quantized tensors. Weights come from
/// behind their DequantizeLinear; an int32 bias likewise, a float bias is quantized with scale
/// input_scale * weight_scale[c].
/// </summary>
public sealed class FoldQdq : IGraphPass
{
    public string Name => "fold-qdq";

    public Graph Run(Graph graph)
    {
        foreach (var op in graph.Operations.ToList())
        {
            if (op is Quantize or Dequantize or Reshape or Transpose) continue;
            if (graph[op.Outputs[0]].Type != ElementType.Float32) continue;
            if (graph.SoleConsumer(op.Outputs[0]) is not Quantize quantize) continue;
            var folded = Fold(graph, op, quantize);
            if (folded is not null) graph = folded;
        }
        return graph.WithoutDeadOperations();
    }

    private static Graph? Fold(Graph g, Operation op, Quantize quantize)
    {
        string? Source(string tensor) => g.Producer(tensor) is Dequantize d ? d.Input : null;
        var output = quantize.Output;
        switch (op)
        {
            case Conv2D c:
                return FoldWeighted(g, op, quantize, Source(c.Input), Source(c.Weights), c.Bias,
                    (x, w, b) => c with { Input = x, Weights = w, Bias = b, Output = output });
            case FullyConnected f:
                return FoldWeighted(g, op, quantize, Source(f.Input), Source(f.Weights), f.Bias,
                    (x, w, b) => f with { Input = x, Weights = w, Bias = b, Output = output });
            case Binary b:
            {
                var (x, y) = (Source(b.A), Source(b.B));
                if (x is null || y is null) return null;
                return g.Replace(op, b with { A = x, B = y, Output = output }).Remove(quantize);
            }
            case Pool2D or Activation or Concat or Softmax or ElementwiseFunction or Mean:
            {
                // The kernels' own quantization rules (same in and out, softmax's and logistic's 1/256) are
                // enforced afterwards by InsertRequantization, for QOperator models too.
                var sources = op.Inputs.Select(Source).ToList();
                if (sources.Any(s => s is null)) return null;
                var map = op.Inputs.Zip(sources).ToDictionary(p => p.First, p => p.Second!);
                return g.Replace(op, op.RenameTensors(n => map.TryGetValue(n, out var s) ? s : n == op.Outputs[0] ? output : n)).Remove(quantize);
            }
            default:
                return null;
        }
    }

    /// <summary>Conv and fully connected: integer input and weights, the bias made int32.</summary>
    private static Graph? FoldWeighted(Graph g, Operation op, Quantize quantize, string? input, string? weights, string? bias,
                                       Func<string, string, string?, Operation> rebuild)
    {
        if (input is null || weights is null) return null;
        var intBias = bias is null ? null : QuantizedBias(ref g, op, bias, input, weights);
        return g.Replace(op, rebuild(input, weights, intBias)).Remove(quantize);
    }

    /// <summary>The int32 bias behind a DequantizeLinear, or a float bias quantized to scale s_x * s_w[c].</summary>
    private static string QuantizedBias(ref Graph g, Operation op, string bias, string input, string weights)
    {
        if (g.Producer(bias) is Dequantize d && g[d.Input].Type == ElementType.Int32) return d.Input;
        var b = g[bias];
        if (!b.IsConstant || b.Type != ElementType.Float32)
            throw new TinyGenException($"{op}: bias '{bias}' is neither a dequantized int32 nor a float constant");
        var sx = g[input].RequireQuantization(op.ToString()).Scale;
        var sw = g[weights].RequireQuantization(op.ToString()).Scales;
        var values = b.Data!.ToFloats();
        var quantized = new int[values.Length];
        for (var c = 0; c < values.Length; c++)
        {
            var scale = (double)sx * sw[sw.Length == 1 ? 0 : c];
            quantized[c] = (int)Math.Clamp(Math.Round(values[c] / scale, MidpointRounding.ToEven), int.MinValue, int.MaxValue);
        }
        var name = g.UniqueTensorName(bias + "_int32");
        g = g.WithTensor(new Tensor(name, ElementType.Int32, b.Shape, Quantization.PerTensor((float)((double)sx * sw[0]), 0), TensorData.FromInt32(quantized)));
        return name;
    }
}
