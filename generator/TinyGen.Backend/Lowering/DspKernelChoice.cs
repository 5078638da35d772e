using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// Per-layer kernel choice by core: turns a portable call from <see cref="KernelSelector"/> into the
/// specialized kernel of tg_nn_fast.h where the core has the DSP extension and the layer fits that
/// kernel's contract, and says why on every call. On Cortex-M55 it sees only the layers no MVE kernel
/// takes (<see cref="MveKernelChoice"/>); cores without DSP keep the portable C99 kernels.
/// </summary>
public static class DspKernelChoice
{
    public static KernelCall Choose(Graph graph, KernelCall call, TargetCore core)
    {
        var dsp = core.Dsp;
        var mveNote = core.Mve ? " (no MVE kernel fits)" : "";
        return call switch
        {
            ConvolveCall c when dsp && FastPointwiseConvCall.Fits(c) => Pointwise(graph, c) with
            {
                Reason = $"pointwise 1x1 s{c.Stride.H}, Cin={c.InputDims.C}: int16 weights widened at compile time, pixel widened into scratch, " +
                         $"4 channels per block, LDRD + LDM + SMLAD, offset folded, DSP{mveNote}",
            },
            ConvolveCall c when dsp && WideConvCall.Fits(c) => Wide(graph, c) with
            {
                Reason = $"{c.FilterDims.H}x{c.FilterDims.W} conv, Cin={c.InputDims.C}: window widened row by row to an int16 column " +
                         (c.FilterDims.W * c.InputDims.C % 4 == 0
                             ? $"(K={c.FilterDims.H * c.FilterDims.W * c.InputDims.C}), "
                             : $"(rows of {c.FilterDims.W * c.InputDims.C} padded to {(c.FilterDims.W * c.InputDims.C + 3) & ~3} by zero weights, K={c.FilterDims.H * ((c.FilterDims.W * c.InputDims.C + 3) & ~3)}), ") +
                         $"int16 weights widened at compile time, 4 channels per block, LDRD + LDM + SMLAD, offset folded, DSP{mveNote}",
            },
            ConvolveCall c when dsp => Gemm(graph, c) with
            {
                Reason = $"{c.FilterDims.H}x{c.FilterDims.W} conv, Cin={c.InputDims.C}: int8 im2col column (K={c.FilterDims.H * c.FilterDims.W * c.InputDims.C}) + GEMM, offset folded, DSP{mveNote}",
            },
            DepthwiseConvCall c when dsp && c.ChannelMultiplier == 1 => c with
            {
                Dsp = true,
                Reason = $"depthwise {c.FilterDims.H}x{c.FilterDims.W} s{c.Stride.H}, multiplier 1: 4 channels per word, SMLABB/SMLATT, DSP{mveNote}",
            },
            DepthwiseConvCall c when dsp => c with { Reason = $"portable C: channel multiplier {c.ChannelMultiplier} (the DSP depthwise needs 1)" },
            FullyConnectedCall c when dsp && c.FilterOffset == 0 => Fast(graph, c) with
            {
                Reason = $"fully connected {c.FilterDims.N}->{c.FilterDims.C}: int16 weights widened at compile time, 4 outputs per input word, LDM + SMLAD, offset folded, DSP{mveNote}",
            },
            FullyConnectedCall c when dsp => c with { Reason = "portable C: asymmetric weights (filter offset) cannot be folded" },
            ElementwiseAddCall c when dsp => c with
            {
                Tables = AddInputTables.For(c),
                Reason = $"{(c.Subtract ? "sub" : "add")}: both inputs rescaled through 256-entry tables made at compile time, one requantization per element, 4 elements per word",
            },
            _ when !dsp && call is ConvolveCall or DepthwiseConvCall or FullyConnectedCall => call with { Reason = $"portable C: {core.Name} has no DSP extension" },
            _ => call,
        };
    }

    private static GemmConvCall Gemm(Graph graph, ConvolveCall c)
    {
        var k = c.FilterDims.H * c.FilterDims.W * c.FilterDims.C;
        var (blocked, folded) = Prepare(graph, c.Filter, c.Bias, c.OutputDims.C, k, c.InputOffset);
        return new GemmConvCall(c.Op, c.Input, c.Filter, c.Output,
            c.InputOffset, c.OutputOffset, c.Stride, c.Padding, c.Dilation, c.Activation, c.Requantization, blocked, folded,
            c.InputDims, c.FilterDims, c.OutputDims, c.Bias is null ? [] : [c.Bias]) { Portable = c };
    }

    private static FastPointwiseConvCall Pointwise(Graph graph, ConvolveCall c)
    {
        // FilterDims = {Cout, 1, 1, Cin}: the weights are Cout rows of Cin values.
        var cin = c.FilterDims.C;
        var cout = c.FilterDims.N;
        var weights = graph[c.Filter].Data!.ToInt8();
        var biasValues = c.Bias is null ? [] : graph[c.Bias].Data!.ToInt32();
        return new FastPointwiseConvCall(c, FullyConnectedFilterLayout.PackedInWholeBlocks(weights, cout, cin),
            GemmFilterLayout.FoldedBias(weights, cout, cin, biasValues, c.InputOffset));
    }

    private static WideConvCall Wide(Graph graph, ConvolveCall c)
    {
        // FilterDims = {Cout, KH, KW, Cin}: OHWI rows of K = KH * KW * Cin values.
        var k = c.FilterDims.H * c.FilterDims.W * c.FilterDims.C;
        var cout = c.FilterDims.N;
        var weights = graph[c.Filter].Data!.ToInt8();
        var biasValues = c.Bias is null ? [] : graph[c.Bias].Data!.ToInt32();
        var rowValues = c.FilterDims.W * c.FilterDims.C;
        var padded = WideConvCall.PadRows(weights, cout, c.FilterDims.H, rowValues);
        return new WideConvCall(c, FullyConnectedFilterLayout.PackedInWholeBlocks(padded, cout, padded.Length / cout),
            GemmFilterLayout.FoldedBias(weights, cout, k, biasValues, c.InputOffset));
    }

    private static FastFullyConnectedCall Fast(Graph graph, FullyConnectedCall c)
    {
        // FilterDims = {K, 1, 1, Cout}; the weights tensor is [Cout, K] row-major.
        var k = c.FilterDims.N;
        var cout = c.FilterDims.C;
        var weights = graph[c.Filter].Data!.ToInt8();
        var biasValues = c.Bias is null ? [] : graph[c.Bias].Data!.ToInt32();
        var requant = c.PerChannel ? c.Requantization : Enumerable.Repeat(c.Requantization[0], cout).ToImmutableArray();
        return new FastFullyConnectedCall(c.Op, c.Input, c.Filter, c.Output, c.OutputOffset, c.Activation, requant,
            FullyConnectedFilterLayout.Packed(weights, cout, k), GemmFilterLayout.FoldedBias(weights, cout, k, biasValues, c.InputOffset),
            c.InputDims, c.FilterDims, c.OutputDims, c.Bias is null ? [] : [c.Bias]);
    }

    private static (ImmutableArray<sbyte> Blocked, ImmutableArray<int> Folded) Prepare(Graph graph, string filter, string? bias, int rows, int k, int inputOffset)
    {
        var weights = graph[filter].Data!.ToInt8();
        var biasValues = bias is null ? [] : graph[bias].Data!.ToInt32();
        return (GemmFilterLayout.Blocked(weights, rows, k), GemmFilterLayout.FoldedBias(weights, rows, k, biasValues, inputOffset));
    }
}
