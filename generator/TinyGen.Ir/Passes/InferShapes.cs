using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Computes every tensor's shape from the graph inputs and constants, in execution order, and
/// resolves what depends on shapes: auto_pad into explicit padding, global pools into explicit
/// windows, negative axes, and Reshape rules into the output shape. Ops are checked on the way
/// (channel counts, kernel sizes), so malformed models fail here with the node named.
/// </summary>
public sealed class InferShapes : IGraphPass
{
    public string Name => "infer-shapes";

    public Graph Run(Graph graph)
    {
        foreach (var input in graph.Inputs)
            if (!graph[input].HasShape) throw new TinyGenException($"graph input '{input}' has no shape");
        var ops = new List<Operation>();
        foreach (var op in graph.Operations)
        {
            foreach (var i in op.Inputs)
                if (!graph[i].HasShape) throw new TinyGenException($"{op}: input '{i}' has no known shape (is the graph in execution order?)");
            var (resolved, shapes) = Infer(graph, op);
            for (var k = 0; k < resolved.Outputs.Length; k++)
            {
                var name = resolved.Outputs[k];
                if (shapes[k].Any(d => d <= 0)) throw new TinyGenException($"{op}: output '{name}' would have shape [{string.Join(",", shapes[k])}]");
                graph = graph.UpdateTensor(name, t => t.HasShape && t.Shape.SequenceEqual(shapes[k]) ? t : t with { Shape = shapes[k] });
            }
            ops.Add(resolved);
        }
        return graph.WithOperations(ops);
    }

    private static (Operation Op, ImmutableArray<int>[] Shapes) Infer(Graph g, Operation op)
    {
        ImmutableArray<int> S(string name) => g[name].Shape;
        switch (op)
        {
            case Conv2D c:
            {
                var x = Require4D(op, S(c.Input));
                var w = S(c.Weights);
                if (w.Length != 4) throw new TinyGenException($"{op}: weights '{c.Weights}' must be 4-D, not [{string.Join(",", w)}]");
                var nhwc = c.Layout == Layout.Nhwc;
                var (h, wd, ch) = nhwc ? (x[1], x[2], x[3]) : (x[2], x[3], x[1]);
                var depthwise = c.IsDepthwise(g);
                int cout, kh, kw, cinPerGroup;
                if (!nhwc) (cout, cinPerGroup, kh, kw) = (w[0], w[1], w[2], w[3]);
                else if (depthwise) (cout, cinPerGroup, kh, kw) = (w[3], 1, w[1], w[2]);
                else (cout, kh, kw, cinPerGroup) = (w[0], w[1], w[2], w[3]);
                if (ch % c.Groups != 0 || cinPerGroup * c.Groups != ch)
                    throw new TinyGenException($"{op}: {ch} input channels do not match weights [{string.Join(",", w)}] with group {c.Groups}");
                if (cout % c.Groups != 0) throw new TinyGenException($"{op}: {cout} output channels are not a multiple of group {c.Groups}");
                var window = c.Window with { KernelH = kh, KernelW = kw };
                window = window.Resolve(h, wd);
                var (oh, ow) = (window.OutputHeight(h), window.OutputWidth(wd));
                if (c.Bias is not null && g[c.Bias].ElementCount != cout)
                    throw new TinyGenException($"{op}: bias '{c.Bias}' has {g[c.Bias].ElementCount} elements for {cout} output channels");
                return (c with { Window = window }, [nhwc ? [x[0], oh, ow, cout] : [x[0], cout, oh, ow]]);
            }
            case FullyConnected fc:
            {
                var x = S(fc.Input);
                var w = S(fc.Weights);
                if (w.Length != 2) throw new TinyGenException($"{op}: weights '{fc.Weights}' must be 2-D");
                if (x.Length == 0 || x[^1] != w[1])
                    throw new TinyGenException($"{op}: input [{string.Join(",", x)}] does not end in the weights' {w[1]} input features");
                return (op, [x.SetItem(x.Length - 1, w[0])]);
            }
            case Binary b:
                return (op, [ShapeMath.Broadcast(S(b.A), S(b.B), op.ToString())]);
            case Pool2D p:
            {
                var x = Require4D(op, S(p.Input));
                var nhwc = p.Layout == Layout.Nhwc;
                var (h, w) = nhwc ? (x[1], x[2]) : (x[2], x[3]);
                var window = p.Global ? new Window2D(h, w) : p.Window.Resolve(h, w);
                if (window.KernelH > h + window.Padding.Top + window.Padding.Bottom || window.KernelW > w + window.Padding.Left + window.Padding.Right)
                    throw new TinyGenException($"{op}: window {window} is larger than the input {h}x{w}");
                var (oh, ow) = (window.OutputHeight(h), window.OutputWidth(w));
                return (p with { Window = window }, [nhwc ? [x[0], oh, ow, x[3]] : [x[0], x[1], oh, ow]]);
            }
            case Softmax s:
                return (s with { Axis = ShapeMath.NormalizeAxis(s.Axis, S(s.Input).Length, op.ToString()) }, [S(s.Input)]);
            case Concat c:
            {
                var first = S(c.Parts[0]);
                var axis = ShapeMath.NormalizeAxis(c.Axis, first.Length, op.ToString());
                var total = 0;
                foreach (var part in c.Parts)
                {
                    var s = S(part);
                    if (s.Length != first.Length || Enumerable.Range(0, s.Length).Any(i => i != axis && s[i] != first[i]))
                        throw new TinyGenException($"{op}: input '{part}' [{string.Join(",", s)}] does not match [{string.Join(",", first)}] outside axis {axis}");
                    total += s[axis];
                }
                return (c with { Axis = axis }, [first.SetItem(axis, total)]);
            }
            case Reshape r:
                return (r with { Rule = new ReshapeRule.Given() }, [ReshapeShape(g, r)]);
            case Transpose t:
            {
                var x = S(t.Input);
                var perm = t.Perm.IsDefaultOrEmpty ? Enumerable.Range(0, x.Length).Reverse().ToImmutableArray() : t.Perm;
                if (perm.Length != x.Length || perm.OrderBy(p => p).Where((p, i) => p != i).Any())
                    throw new TinyGenException($"{op}: perm [{string.Join(",", perm)}] is not a permutation of {x.Length} axes");
                return (t with { Perm = perm }, [ShapeMath.Permute(x, perm)]);
            }
            case Pad p:
            {
                var x = S(p.Input);
                if (p.Pads.Length != 2 * x.Length) throw new TinyGenException($"{op}: {p.Pads.Length} pads for a rank-{x.Length} input");
                return (op, [x.Select((d, i) => d + p.Pads[i] + p.Pads[i + x.Length]).ToImmutableArray()]);
            }
            case Mean m:
            {
                var x = S(m.Input);
                var axes = m.Axes.Select(a => ShapeMath.NormalizeAxis(a, x.Length, op.ToString())).Distinct().Order().ToImmutableArray();
                if (axes.IsEmpty) throw new TinyGenException($"{op}: no axes to reduce");
                var shape = m.KeepDims
                    ? x.Select((d, i) => axes.Contains(i) ? 1 : d).ToImmutableArray()
                    : x.Where((d, i) => !axes.Contains(i)).ToImmutableArray();
                return (m with { Axes = axes }, [shape]);
            }
            case UnaryOperation u:
                return (op, [S(u.Input)]);
            default:
                throw new TinyGenException($"{op}: no shape rule");
        }
    }

    private static ImmutableArray<int> Require4D(Operation op, ImmutableArray<int> shape) =>
        shape.Length == 4 ? shape : throw new TinyGenException($"{op}: expects a 4-D input, got [{string.Join(",", shape)}]");

    private static ImmutableArray<int> ReshapeShape(Graph g, Reshape r)
    {
        var x = g[r.Input].Shape;
        var count = ShapeMath.Product(x);
        ImmutableArray<int> result;
        switch (r.Rule)
        {
            case ReshapeRule.Given:
                // an Identity turned Reshape has no shape of its own yet: it keeps its input's
                result = g[r.Output].HasShape ? g[r.Output].Shape : x;
                break;
            case ReshapeRule.Flatten f:
            {
                var axis = f.Axis < 0 ? f.Axis + x.Length : f.Axis;
                if (axis < 0 || axis > x.Length) throw new TinyGenException($"{r}: flatten axis {f.Axis} out of range");
                result = [(int)ShapeMath.Product(x.Take(axis)), (int)ShapeMath.Product(x.Skip(axis))];
                break;
            }
            case ReshapeRule.Squeeze s:
            {
                var axes = s.Axes.Select(a => ShapeMath.NormalizeAxis(a, x.Length, r.ToString())).ToHashSet();
                foreach (var a in axes)
                    if (x[a] != 1) throw new TinyGenException($"{r}: cannot squeeze axis {a} of size {x[a]}");
                result = x.Where((d, i) => axes.Count == 0 ? d != 1 : !axes.Contains(i)).ToImmutableArray();
                break;
            }
            case ReshapeRule.Unsqueeze u:
            {
                var rank = x.Length + u.Axes.Length;
                var axes = u.Axes.Select(a => ShapeMath.NormalizeAxis(a, rank, r.ToString())).ToHashSet();
                var dims = new List<int>();
                var k = 0;
                for (var i = 0; i < rank; i++) dims.Add(axes.Contains(i) ? 1 : x[k++]);
                result = [.. dims];
                break;
            }
            case ReshapeRule.Explicit e:
            {
                var dims = new long[e.Shape.Length];
                var inferred = -1;
                for (var i = 0; i < dims.Length; i++)
                {
                    dims[i] = e.Shape[i] == 0 ? (i < x.Length ? x[i] : throw new TinyGenException($"{r}: dimension {i} copies a missing input dimension")) : e.Shape[i];
                    if (dims[i] == -1)
                    {
                        if (inferred >= 0) throw new TinyGenException($"{r}: more than one -1 in shape");
                        inferred = i;
                    }
                    else if (dims[i] <= 0) throw new TinyGenException($"{r}: invalid dimension {e.Shape[i]}");
                }
                var known = dims.Where((d, i) => i != inferred).Aggregate(1L, (p, d) => p * d);
                if (inferred >= 0)
                {
                    if (known == 0 || count % known != 0) throw new TinyGenException($"{r}: cannot reshape {count} elements into [{string.Join(",", e.Shape)}]");
                    dims[inferred] = count / known;
                }
                result = dims.Select(d => checked((int)d)).ToImmutableArray();
                break;
            }
            default:
                throw new TinyGenException($"{r}: unknown reshape rule");
        }
        if (ShapeMath.Product(result) != count)
            throw new TinyGenException($"{r}: cannot reshape [{string.Join(",", x)}] ({count} elements) into [{string.Join(",", result)}]");
        return result;
    }
}
