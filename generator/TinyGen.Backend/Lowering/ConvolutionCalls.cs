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

/// <summary>tg_depthwise_conv_s8 (filter [1, KH, KW, Cout], Cout = Cin * ChannelMultiplier).</summary>
public sealed record DepthwiseConvCall(
    Operation Op, string Input, string Filter, string? Bias, string Output,
    int InputOffset, int OutputOffset, int ChannelMultiplier, TgTile Stride, TgTile Padding, TgTile Dilation, TgActivation Activation,
    ImmutableArray<QuantizedMultiplier> Requantization,
    TgDims InputDims, TgDims FilterDims, TgDims BiasDims, TgDims OutputDims) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_depthwise_conv_s8"];
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
