using TinyGen.Ir;

namespace TinyGen.Analysis;

/// <summary>Multiply-accumulates and stored parameters of one op, as model tables report them.</summary>
public readonly record struct OpCost(long Macs, long Parameters)
{
    public static OpCost Of(Graph graph, Operation op)
    {
        long Params(params string?[] names) => names.Where(n => n is not null && graph[n].IsConstant).Sum(n => graph[n!].ElementCount);
        switch (op)
        {
            case Conv2D c:
            {
                var w = graph[c.Weights].Shape;
                var outputs = graph[c.Output].ElementCount;
                // per output element: one MAC per tap of its input-channel group
                // (OIHW and OHWI both hold Cin/group * KH * KW in their last three axes; 1HWC holds KH * KW)
                var tapsPerOutput = c.IsDepthwise(graph) && c.Layout == Layout.Nhwc ? (long)w[1] * w[2] : (long)w[1] * w[2] * w[3];
                return new OpCost(outputs * tapsPerOutput, Params(c.Weights, c.Bias));
            }
            case FullyConnected f:
                return new OpCost(graph[f.Output].ElementCount * graph[f.Weights].Shape[1], Params(f.Weights, f.Bias));
            case Binary b:
                // MACs count multiply-accumulates of weights, as MLPerf Tiny and MCUNet tables do; pools and elementwise ops have none
                return new OpCost(0, Params(b.A, b.B));
            default:
                return new OpCost(0, 0);
        }
    }

    public static OpCost Total(Graph graph) =>
        graph.Operations.Select(op => Of(graph, op)).Aggregate(new OpCost(0, 0), (a, b) => new OpCost(a.Macs + b.Macs, a.Parameters + b.Parameters));
}
