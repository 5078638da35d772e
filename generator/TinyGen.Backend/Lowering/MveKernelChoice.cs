using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// Per-layer kernel choice for cores with MVE (Helium; Cortex-M55): turns a portable call from
/// <see cref="KernelSelector"/> into the vector kernel of tg_nn_mve.h where the layer fits that
/// kernel's contract, and says why. Returns null for everything else (other cores, other ops,
/// layers outside the contracts), which <see cref="DspKernelChoice"/> then handles as on any DSP core.
/// </summary>
public static class MveKernelChoice
{
    public static KernelCall? Choose(Graph graph, KernelCall call, TargetCore core) => !core.Mve ? null : call switch
    {
        ConvolveCall c => Gemm(graph, c),
        FullyConnectedCall c when c.FilterOffset == 0 => Gemm(graph, c),
        DepthwiseConvCall c when c.ChannelMultiplier == 1 => c with
        {
            Mve = true,
            Reason = $"depthwise {c.FilterDims.H}x{c.FilterDims.W} s{c.Stride.H}, multiplier 1: 16 channels per step, int16 lanes, VMULLB/VMULLT, MVE",
        },
        _ => null,
    };

    private static bool IsPointwise(ConvolveCall c) =>
        c.FilterDims.H == 1 && c.FilterDims.W == 1 && c.Padding == new TgTile(0, 0) &&
        (c.OutputDims.H - 1) * c.Stride.H < c.InputDims.H && (c.OutputDims.W - 1) * c.Stride.W < c.InputDims.W;

    private static MveGemmCall Gemm(Graph graph, ConvolveCall c)
    {
        var k = c.FilterDims.H * c.FilterDims.W * c.FilterDims.C;
        var cout = c.OutputDims.C;
        var (grouped, folded) = Prepare(graph, c.Filter, c.Bias, cout, k, c.InputOffset);
        var pointwise = IsPointwise(c);
        var reason = pointwise
            ? $"pointwise 1x1 s{c.Stride.H} as GEMM, Cin={c.InputDims.C}: VMLADAVA over 16 int8 lanes, 4 channels x 2 pixels, offset folded, MVE"
            : $"{c.FilterDims.H}x{c.FilterDims.W} conv, Cin={c.InputDims.C}: int8 im2col columns (K={k}) + VMLADAVA GEMM, 4 channels x 2 pixels, offset folded, MVE";
        return new MveGemmCall(c.Op, pointwise ? MveGemmShape.Pointwise : MveGemmShape.Im2col, c.Input, c.Filter, c.Output,
            c.InputOffset, c.OutputOffset, c.Stride, c.Padding, c.Dilation, c.Activation, c.Requantization, grouped, folded,
            c.InputDims, c.FilterDims, c.OutputDims, c.Bias is null ? [] : [c.Bias]) { Portable = c, Reason = reason };
    }

    private static MveGemmCall Gemm(Graph graph, FullyConnectedCall c)
    {
        // FilterDims = {K, 1, 1, Cout}; the weights tensor is [Cout, K] row-major.
        var k = c.FilterDims.N;
        var cout = c.FilterDims.C;
        var (grouped, folded) = Prepare(graph, c.Filter, c.Bias, cout, k, c.InputOffset);
        var requant = c.PerChannel ? c.Requantization : Enumerable.Repeat(c.Requantization[0], cout).ToImmutableArray();
        return new MveGemmCall(c.Op, MveGemmShape.FullyConnected, c.Input, c.Filter, c.Output,
            c.InputOffset, c.OutputOffset, new TgTile(1, 1), new TgTile(0, 0), new TgTile(1, 1), c.Activation, requant, grouped, folded,
            c.InputDims, c.FilterDims, c.OutputDims, c.Bias is null ? [] : [c.Bias])
        {
            Reason = $"fully connected {k}->{cout}: VMLADAVA over 16 int8 lanes, 4 outputs x 2 rows, offset folded into bias, MVE",
        };
    }

    private static (ImmutableArray<sbyte> Grouped, ImmutableArray<int> Folded) Prepare(Graph graph, string filter, string? bias, int rows, int k, int inputOffset)
    {
        var weights = graph[filter].Data!.ToInt8();
        var biasValues = bias is null ? [] : graph[bias].Data!.ToInt32();
        return (MveFilterLayout.Grouped(weights, rows, k), GemmFilterLayout.FoldedBias(weights, rows, k, biasValues, inputOffset));
    }
}
