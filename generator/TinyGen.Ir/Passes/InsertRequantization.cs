using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Some int8 kernels fix the relation between input and output quantization: pools, clamps and
/// layout ops and pads keep the input's, concatenation needs every part at the output's, softmax
/// and logistic always produce scale 1/256 and zero point -128. Where a model (QDQ or QOperator) asks for something
/// else, the op produces what its kernel can and an explicit requantize follows (or, for concat,
/// precedes) it — the same double rounding TFLite's converter would have introduced.
/// </summary>
public sealed class InsertRequantization : IGraphPass
{
    /// <summary>TFLite's fixed int8 output of softmax and logistic: [0, 1) in steps of 1/256.</summary>
    private static readonly Quantization UnitIntervalOutput = Quantization.PerTensor(1f / 256, -128);

    public string Name => "insert-requantization";

    public Graph Run(Graph graph)
    {
        foreach (var op in graph.Operations.ToList())
        {
            if (op is not (Pool2D or Activation or Reshape or Transpose or Softmax or Concat or Pad or ElementwiseFunction { Function: UnaryFunction.Logistic })) continue;
            var output = graph[op.Outputs[0]];
            if (output.Type != ElementType.Int8 || output.Quantization is null) continue;
            if (op is Concat concat)
            {
                foreach (var part in concat.Parts.Distinct().ToList())
                {
                    if (Equals(graph[part].Quantization, output.Quantization)) continue;
                    var rescaled = graph.UniqueTensorName(part + "_rescaled");
                    graph = graph.WithTensor(graph[part] with { Name = rescaled, Quantization = output.Quantization, Data = null })
                        .InsertBefore(graph.Operations.First(o => o.Name == concat.Name), new Quantize(concat.Name + "_" + part + "_rescale", part, rescaled));
                    var current = graph.Operations.OfType<Concat>().First(o => o.Name == concat.Name);
                    graph = graph.Replace(current, current with { Parts = current.Parts.Select(p => p == part ? rescaled : p).ToImmutableArray() });
                }
                continue;
            }
            var natural = op is Softmax or ElementwiseFunction ? UnitIntervalOutput : graph[op.Inputs[0]].Quantization;
            if (natural is null || Equals(natural, output.Quantization)) continue;
            var tmp = graph.UniqueTensorName(output.Name + "_natural");
            graph = graph.WithTensor(output with { Name = tmp, Quantization = natural })
                .Replace(op, op.RenameTensors(n => n == output.Name ? tmp : n), new Quantize(op.Name + "_requantize", tmp, output.Name));
        }
        return graph;
    }
}
