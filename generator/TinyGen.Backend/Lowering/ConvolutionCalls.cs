using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>tg_convolve_s8 (Groups = 1, filter OHWI).</summary>
public sealed record ConvolveCall(
    Operation Op, string Input, string Filter, string? Bias, string Output,
    int InputOffset, int OutputOffset, TgTile Stride, TgTile Padding, TgTile Dilation, TgActivation Activation,
    ImmutableArray<QuantizedMultiplier> Requantization,
    TgDims InputDims, TgDims FilterDims, TgDims BiasDims, TgDims OutputDims) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_convolve_s8"];
    public override ImmutableArray<string> Reads => Bias is null ? [Input, Filter] : [Input, Filter, Bias];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>
/// tg_depthwise_conv_s8 (filter [1, KH, KW, Cout], Cout = Cin * ChannelMultiplier), or with
/// <see cref="Dsp"/> its four-channels-per-word variant tg_depthwise_conv_s8_fast (multiplier 1 only), or with
/// <see cref="Mve"/> the vector variant tg_depthwise_conv_s8_mve (tg_nn_mve.h, multiplier 1 only).
/// </summary>
public sealed record DepthwiseConvCall(
    Operation Op, string Input, string Filter, string? Bias, string Output,
    int InputOffset, int OutputOffset, int ChannelMultiplier, TgTile Stride, TgTile Padding, TgTile Dilation, TgActivation Activation,
    ImmutableArray<QuantizedMultiplier> Requantization,
    TgDims InputDims, TgDims FilterDims, TgDims BiasDims, TgDims OutputDims) : KernelCall(Op)
{
    public bool Dsp { get; init; }

    public bool Mve { get; init; }

    public override ImmutableArray<string> Functions => [Mve ? "tg_depthwise_conv_s8_mve" : Dsp ? "tg_depthwise_conv_s8_fast" : "tg_depthwise_conv_s8"];
    public override ImmutableArray<string> Reads => Bias is null ? [Input, Filter] : [Input, Filter, Bias];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>
/// tg_fully_connected_s8. FilterDims = {K, 1, 1, Cout} as the header says; Requantization holds one
/// entry (PerChannel false) or Cout entries (PerChannel true).
/// </summary>
public sealed record FullyConnectedCall(
    Operation Op, string Input, string Filter, string? Bias, string Output,
    int InputOffset, int FilterOffset, int OutputOffset, TgActivation Activation,
    ImmutableArray<QuantizedMultiplier> Requantization, bool PerChannel,
    TgDims InputDims, TgDims FilterDims, TgDims BiasDims, TgDims OutputDims) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_fully_connected_s8"];
    public override ImmutableArray<string> Reads => Bias is null ? [Input, Filter] : [Input, Filter, Bias];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>
/// A convolution run as a GEMM over im2col columns on a DSP core, tg_convolve_s8_fast (contract:
/// tg_nn_fast.h; pointwise layers get <see cref="FastPointwiseConvCall"/> instead).
/// The generator prepares at compile time what the kernel would otherwise do at run time:
/// <see cref="BlockedFilter"/> is the filter in the microkernel's reading order, <see cref="FoldedBias"/>
/// holds bias + input offset x filter row sum, Requantization has one entry per output channel.
/// Filter names the original weights tensor (for lifetimes); the emitted code reads BlockedFilter.
/// </summary>
public sealed record GemmConvCall(
    Operation Op, string Input, string Filter, string Output,
    int InputOffset, int OutputOffset, TgTile Stride, TgTile Padding, TgTile Dilation, TgActivation Activation,
    ImmutableArray<QuantizedMultiplier> Requantization, ImmutableArray<sbyte> BlockedFilter, ImmutableArray<int> FoldedBias,
    TgDims InputDims, TgDims FilterDims, TgDims OutputDims, ImmutableArray<string> OtherReads) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_convolve_s8_fast"];

    /// <summary>The portable convolution this GEMM replaces, for the planner's in-place option.</summary>
    public ConvolveCall? Portable { get; init; }

    /// <summary>Two int8 columns of K values in whole words (tg_convolve_s8_fast_get_buffer_size).</summary>
    public override int ScratchBytes => (2 * FilterDims.H * FilterDims.W * FilterDims.C + 3) & ~3;
    public override ImmutableArray<string> Reads => [Input, Filter, .. OtherReads];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>
/// A fully connected layer on a DSP core with its weights widened to int16 at compile time
/// (tg_fully_connected_s8_fast, contract: tg_nn_fast.h): <see cref="PackedFilter"/> is the filter in
/// FC order (<see cref="FullyConnectedFilterLayout"/>), <see cref="FoldedBias"/> holds bias + input
/// offset x row sum, Requantization has one entry per output feature. Filter names the original
/// weights tensor (for lifetimes); the emitted code reads PackedFilter.
/// </summary>
public sealed record FastFullyConnectedCall(
    Operation Op, string Input, string Filter, string Output, int OutputOffset, TgActivation Activation,
    ImmutableArray<QuantizedMultiplier> Requantization, ImmutableArray<uint> PackedFilter, ImmutableArray<int> FoldedBias,
    TgDims InputDims, TgDims FilterDims, TgDims OutputDims, ImmutableArray<string> OtherReads) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_fully_connected_s8_fast"];
    public override ImmutableArray<string> Reads => [Input, Filter, .. OtherReads];
    public override ImmutableArray<string> Writes => [Output];
}
