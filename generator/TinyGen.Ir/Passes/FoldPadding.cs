using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// A Pad of the spatial axes (NHWC) whose value is the input's zero point, read only by a
/// convolution, becomes that convolution's padding (its kernels treat padding as the zero point).
/// A max pool absorbs padding with -128, which never wins a max. Any other Pad stays and runs as
/// its own kernel.
/// </summary>
public sealed class FoldPadding : IGraphPass
{
    public string Name => "fold-padding";

    public Graph Run(Graph graph)
    {
        foreach (var pad in graph.Operations.OfType<Pad>().ToList())
        {
            var input = graph[pad.Input];
            if (input.Rank != 4) continue;
            var p = pad.Pads;
            var spatialOnly = p[0] == 0 && p[3] == 0 && p[4] == 0 && p[7] == 0 && p.All(v => v >= 0);
            var extra = new Padding2D(p[1], p[2], p[5], p[6]);
            var zeroPoint = input.Quantization?.ZeroPoint;
            Operation? folded = graph.SoleConsumer(pad.Output) switch
            {
                Conv2D { Layout: Layout.Nhwc } c when spatialOnly && zeroPoint == (int)pad.Value && c.Input == pad.Output =>
                    c with { Input = pad.Input, Window = c.Window with { Padding = c.Window.Padding.Plus(extra) } },
                Pool2D { Layout: Layout.Nhwc, Pool: PoolKind.Max, Global: false } m when spatialOnly && (int)pad.Value == sbyte.MinValue =>
                    m with { Input = pad.Input, Window = m.Window with { Padding = m.Window.Padding.Plus(extra) } },
                _ => null,
            };
            if (folded is null) continue;
            graph = graph.Remove(pad).Replace(graph.SoleConsumer(pad.Output)!, folded);
        }
        return graph.WithoutUnusedTensors();
    }
}
