using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Re-expresses every uint8 quantized tensor as int8 with zero point - 128 (the same real values,
/// exactly: q - 128 with zp - 128). Constants are converted in place; a uint8 graph input or
/// output keeps its type in the generated API and gets a conversion op at the edge.
/// </summary>
public sealed class ConvertUInt8ToInt8 : IGraphPass
{
    public string Name => "uint8-to-int8";

    public Graph Run(Graph graph)
    {
        // uint8 data that only flows through quantization-agnostic ops (a QOperator MaxPool straight
        // off the input) carries no parameters; the identity scale keeps its values, exactly.
        foreach (var t in graph.Tensors.Values.Where(t => t.Type == ElementType.UInt8 && t.Quantization is null && !t.IsConstant).ToList())
            graph = graph.WithTensor(t with { Quantization = Quantization.PerTensor(1f, 0) });
        var edges = graph.Inputs.Concat(graph.Outputs).ToHashSet(StringComparer.Ordinal);
        foreach (var name in graph.Inputs.Where(n => graph[n].Type == ElementType.UInt8 && graph[n].Quantization is not null && !OnlyFloatEdge(graph, n)).ToList())
            graph = graph.WithInputConversion(name, AsInt8(graph[name]) with { Name = graph.UniqueTensorName(name + "_s8") },
                (from, to) => new Quantize(name + "_to_int8", from, to));
        foreach (var name in graph.Outputs.Where(n => graph[n].Type == ElementType.UInt8 && graph[n].Quantization is not null && !graph.Inputs.Contains(n) && !OnlyFloatEdge(graph, n)).ToList())
            graph = graph.WithOutputConversion(name, AsInt8(graph[name]) with { Name = graph.UniqueTensorName(name + "_s8") },
                (from, to) => new Quantize(name + "_to_uint8", from, to));
        foreach (var tensor in graph.Tensors.Values.ToList())
            if (tensor.Type == ElementType.UInt8 && tensor.Quantization is not null && !edges.Contains(tensor.Name))
                graph = graph.WithTensor(AsInt8(tensor));
        return graph;
    }

    /// <summary>
    /// A uint8 edge that is only the integer side of a float Quantize/Dequantize (e.g. per-axis
    /// QuantizeLinear straight to a graph output) needs no int8 twin: those ops read and write uint8.
    /// </summary>
    private static bool OnlyFloatEdge(Graph g, string name) =>
        g[name].Quantization is { IsPerChannel: true }
        && (g.Producer(name) is Quantize q ? g[q.Input].Type == ElementType.Float32 : g.Inputs.Contains(name))
        && g.Consumers(name).All(c => c is Dequantize);

    private static Tensor AsInt8(Tensor t)
    {
        var data = t.Data is null ? null : TensorData.FromInt8(t.Data.ToUInt8().Select(v => (sbyte)(v - 128)).ToArray());
        return t with { Type = ElementType.Int8, Quantization = t.Quantization!.WithZeroPointShift(-128), Data = data };
    }
}
