using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Lowering;

public enum MveGemmShape
{
    /// <summary>tg_convolve_1x1_s8_mve: input pixels are the GEMM's columns.</summary>
    Pointwise,

    /// <summary>tg_convolve_s8_mve: columns are copied out of the input (im2col) into scratch.</summary>
    Im2col,

    /// <summary>tg_fully_connected_s8_mve: rows of the input are the columns.</summary>
    FullyConnected,
}

/// <summary>
/// A convolution or fully connected layer run as a GEMM on a core with MVE (contract: tg_nn_mve.h).
/// <see cref="GroupedFilter"/> is the filter in the MVE GEMM order (<see cref="MveFilterLayout"/>),
/// <see cref="FoldedBias"/> bias + input offset x filter row sum, Requantization one entry per output
/// channel. Filter names the original weights tensor (for lifetimes); the emitted code reads GroupedFilter.
/// Dims follow the kernel's contract: for a fully connected layer InputDims = {rows, 1, 1, K},
/// FilterDims = {K, 1, 1, Cout}, OutputDims = {rows, 1, 1, Cout}.
/// </summary>
public sealed record MveGemmCall(
    Operation Op, MveGemmShape Shape, string Input, string Filter, string Output,
    int InputOffset, int OutputOffset, TgTile Stride, TgTile Padding, TgTile Dilation, TgActivation Activation,
    ImmutableArray<QuantizedMultiplier> Requantization, ImmutableArray<sbyte> GroupedFilter, ImmutableArray<int> FoldedBias,
    TgDims InputDims, TgDims FilterDims, TgDims OutputDims, ImmutableArray<string> OtherReads) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => [Shape switch
    {
        MveGemmShape.Pointwise => "tg_convolve_1x1_s8_mve",
        MveGemmShape.Im2col => "tg_convolve_s8_mve",
        _ => "tg_fully_connected_s8_mve",
    }];

    /// <summary>The portable convolution this GEMM replaces (null for a fully connected layer), for the planner's in-place option.</summary>
    public ConvolveCall? Portable { get; init; }

    /// <summary>Two int8 columns of K values in whole words (tg_convolve_s8_mve_get_buffer_size); none for the others.</summary>
    public override int ScratchBytes => Shape == MveGemmShape.Im2col ? (2 * FilterDims.H * FilterDims.W * FilterDims.C + 3) & ~3 : 0;
    public override ImmutableArray<string> Reads => [Input, Filter, .. OtherReads];
    public override ImmutableArray<string> Writes => [Output];
}
