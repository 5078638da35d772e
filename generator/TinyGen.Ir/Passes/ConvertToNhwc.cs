using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// NCHW → NHWC. Every 4-D activation that an NCHW convolution or pool touches, and everything
/// joined to it through layout-agnostic ops (elementwise, quantize, clamp, pad, concat, softmax,
/// pointwise functions, mean),
/// is stored NHWC: physical[i] = logical[Q[i]] with Q = [0,2,3,1]. Weights are re-laid out at
/// compile time; axes of concat/softmax/pad/mean follow Q; a Transpose composes with the layouts on both
/// sides (usually into nothing); a Reshape stays free when the bytes keep their order, else gets an
/// explicit transpose. Graph inputs and outputs keep the model's logical layout, so the generated
/// API takes and returns what the model's edges say.
/// </summary>
public sealed class ConvertToNhwc : IGraphPass
{
    private static readonly int[] Q = ShapeMath.NchwToNhwc;
    private static readonly int[] QInverse = ShapeMath.NhwcToNchw;
    private static readonly int[] Identity4 = [0, 1, 2, 3];

    public string Name => "nchw-to-nhwc";

    public Graph Run(Graph graph)
    {
        if (!graph.Operations.Any(op => op is Conv2D { Layout: Layout.Nchw } or Pool2D { Layout: Layout.Nchw })) return graph;

        graph = SplitEdges(graph, out var nhwc);
        var ops = new List<Operation>();
        var extraTensors = new List<Tensor>();
        bool Is(string t) => nhwc.Contains(t);
        int[] Phys(string t) => Is(t) ? Q : Identity4;

        string Logical(string tensor, List<Operation> before)
        {
            // a transposed copy in logical order for an op that does not understand NHWC
            var t = graph[tensor];
            if (ShapeMath.IsMemoryOrderPreserving(t.Shape, Q)) return tensor;
            var name = FreshName(graph, extraTensors, tensor + "_nchw");
            extraTensors.Add(t with { Name = name });
            before.Add(new Transpose(tensor + "_to_nchw", tensor, name, [.. QInverse]));
            return name;
        }

        foreach (var op in graph.Operations)
        {
            var before = new List<Operation>();
            switch (op)
            {
                case Conv2D { Layout: Layout.Nchw } c:
                    ops.Add(c with { Weights = RelayoutWeights(ref graph, c, extraTensors), Layout = Layout.Nhwc });
                    continue;
                case Pool2D { Layout: Layout.Nchw } p:
                    ops.Add(p with { Layout = Layout.Nhwc });
                    continue;
                case Transpose t when graph[t.Input].Rank == 4:
                {
                    var (pin, pout) = (Phys(t.Input), Phys(t.Output));
                    var inverseIn = ShapeMath.Inverse(pin);
                    ops.Add(t with { Perm = Enumerable.Range(0, 4).Select(k => inverseIn[t.Perm[pout[k]]]).ToImmutableArray() });
                    continue;
                }
                case Reshape r:
                {
                    var input = Is(r.Input) ? Logical(r.Input, before) : r.Input;
                    if (Is(r.Output) && !ShapeMath.IsMemoryOrderPreserving(graph[r.Output].Shape, Q))
                    {
                        var tmp = FreshName(graph, extraTensors, r.Output + "_nchw");
                        extraTensors.Add(graph[r.Output] with { Name = tmp });
                        ops.AddRange(before);
                        ops.Add(r with { Input = input, Output = tmp });
                        ops.Add(new Transpose(r.Name + "_to_nhwc", tmp, r.Output, [.. Q]));
                        continue;
                    }
                    ops.AddRange(before);
                    ops.Add(r with { Input = input });
                    continue;
                }
                case Binary b when Is(b.Output):
                    ops.Add(b with { A = Broadcastable(ref graph, op, b.A, extraTensors, nhwc), B = Broadcastable(ref graph, op, b.B, extraTensors, nhwc) });
                    continue;
                case Concat c when Is(c.Output):
                    ops.Add(c with { Axis = Array.IndexOf(Q, c.Axis), Parts = c.Parts.Select(p => Broadcastable(ref graph, op, p, extraTensors, nhwc)).ToImmutableArray() });
                    continue;
                case Softmax s when Is(s.Output):
                    ops.Add(s with { Axis = Array.IndexOf(Q, s.Axis) });
                    continue;
                case Mean m when Is(m.Input):
                {
                    var axes = m.Axes.Select(a => a < 0 ? a + 4 : a).ToHashSet();
                    var kept = Enumerable.Range(0, 4).Where(a => !axes.Contains(a)).ToList();
                    // without keepdims the output is not NHWC: the kept axes must come out in their logical order
                    if (!m.KeepDims && kept.Contains(1) && (kept.Contains(2) || kept.Contains(3)))
                        throw new TinyGenException($"{op}: a mean that keeps the channel and a spatial axis but drops the others cannot follow an NHWC layout");
                    ops.Add(m with { Axes = m.Axes.Select(a => Array.IndexOf(Q, a < 0 ? a + 4 : a)).Order().ToImmutableArray() });
                    continue;
                }
                case Pad p when Is(p.Output):
                    ops.Add(p with { Pads = Q.Select(a => p.Pads[a]).Concat(Q.Select(a => p.Pads[a + 4])).ToImmutableArray() });
                    continue;
                case Quantize or Dequantize or Activation or Binary or Concat or Softmax or Pad or ElementwiseFunction:
                    ops.Add(op);
                    continue;
                default:
                {
                    var rewired = GraphRewrites.RenameInputs(op, n => Is(n) ? Logical(n, before) : n);
                    if (op.Outputs.Any(Is)) throw new TinyGenException($"internal: {op} writes an NHWC tensor it cannot lay out");
                    ops.AddRange(before);
                    ops.Add(rewired);
                    continue;
                }
            }
        }

        graph = graph.WithTensors(extraTensors).WithOperations(ops);
        foreach (var name in nhwc)
            graph = graph.UpdateTensor(name, t => t with { Shape = ShapeMath.Permute(t.Shape, Q) });
        return graph;
    }

    private static readonly Func<Operation, bool> IsAgnostic = op => op is Binary or Quantize or Dequantize or Activation or Pad or Concat or Softmax or ElementwiseFunction or Mean;

    /// <summary>
    /// Finds the NHWC tensors (components of 4-D activations joined through agnostic ops that touch
    /// an NCHW spatial op), and gives every such graph input or output a logical twin joined by a
    /// Transpose with the identity logical permutation (the rewrite turns it into the real one).
    /// </summary>
    private static Graph SplitEdges(Graph graph, out HashSet<string> nhwc)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent.TryGetValue(x, out var p) && p != x) x = parent[x] = parent.GetValueOrDefault(p, p);
            return x;
        }
        void Union(string a, string b) => parent[Find(a)] = Find(b);
        bool Activation4D(string t) => graph[t].Rank == 4 && !graph[t].IsConstant;

        foreach (var op in graph.Operations.Where(IsAgnostic))
        {
            var tensors = op.Inputs.Concat(op.Outputs).Where(Activation4D).ToList();
            foreach (var t in tensors.Skip(1)) Union(tensors[0], t);
        }
        var wanted = graph.Operations
            .SelectMany(op => op switch
            {
                Conv2D { Layout: Layout.Nchw } c => new[] { c.Input, c.Output },
                Pool2D { Layout: Layout.Nchw } p => [p.Input, p.Output],
                _ => [],
            })
            .Select(Find).ToHashSet(StringComparer.Ordinal);
        nhwc = graph.Tensors.Keys.Where(t => Activation4D(t) && wanted.Contains(Find(t))).ToHashSet(StringComparer.Ordinal);

        foreach (var edge in graph.Inputs.Concat(graph.Outputs).Where(nhwc.Contains).Distinct().ToList())
        {
            var twin = graph[edge] with { Name = graph.UniqueTensorName(edge + "_nhwc") };
            graph = graph.Inputs.Contains(edge)
                ? graph.WithInputConversion(edge, twin, (from, to) => new Transpose(edge + "_to_nhwc", from, to, [.. Identity4]))
                : graph.WithOutputConversion(edge, twin, (from, to) => new Transpose(edge + "_from_nhwc", from, to, [.. Identity4]));
            nhwc.Remove(edge);
            nhwc.Add(twin.Name);
        }
        return graph;
    }

    /// <summary>A name neither the graph nor the tensors this pass is about to add use.</summary>
    private static string FreshName(Graph graph, List<Tensor> pending, string stem)
    {
        var name = graph.UniqueTensorName(stem);
        while (pending.Any(e => e.Name == name)) name += "_";
        return name;
    }

    private static string RelayoutWeights(ref Graph graph, Conv2D conv, List<Tensor> extra)
    {
        var w = graph[conv.Weights];
        if (!w.IsConstant) throw new TinyGenException($"{conv}: weights '{conv.Weights}' are not constant");
        var depthwise = conv.IsDepthwise(graph);
        int[] perm = depthwise ? [1, 2, 3, 0] : [0, 2, 3, 1];
        if (depthwise && w.Shape[1] != 1)
            throw new TinyGenException($"{conv}: grouped convolution with {w.Shape[1]} channels per group is not supported (only group = 1 or depthwise)");
        var q = w.Quantization is { IsPerChannel: true } pq ? pq.WithAxis(Array.IndexOf(perm, pq.Axis)) : w.Quantization;
        var name = FreshName(graph, extra, conv.Weights + (depthwise ? "_1hwc" : "_ohwi"));
        extra.Add(new Tensor(name, w.Type, ShapeMath.Permute(w.Shape, perm), q, ConstantMath.Transpose(w.Data!, w.Shape, perm)));
        return name;
    }

    /// <summary>An operand of an NHWC elementwise op: NHWC already, or a constant re-laid out to broadcast the same way.</summary>
    private static string Broadcastable(ref Graph graph, Operation op, string operand, List<Tensor> extra, HashSet<string> nhwc)
    {
        if (nhwc.Contains(operand)) return operand;
        var t = graph[operand];
        if (t.ElementCount == 1) return operand;
        if (!t.IsConstant || t.Rank > 4)
            throw new TinyGenException($"{op}: operand '{operand}' {t.ShapeText} broadcasts against an NCHW tensor in a way TinyGen cannot lay out");
        var aligned = Enumerable.Repeat(1, 4 - t.Rank).Concat(t.Shape).ToImmutableArray();
        var name = FreshName(graph, extra, operand + "_nhwc");
        extra.Add(t with { Name = name, Shape = ShapeMath.Permute(aligned, Q), Data = ConstantMath.Transpose(t.Data!, aligned, Q) });
        return name;
    }
}
