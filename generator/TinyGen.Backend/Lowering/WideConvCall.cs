using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// A convolution on a DSP core, tg_convolve_s8_wide (contract: tg_nn_fast.h): each output pixel's
/// window is widened into an int16 column in the scratch (straight from the input when Cin is a
/// multiple of four, else through an int8 copy of the window, as for a first layer with 1 or 3
/// channels) and multiplied with <see cref="PackedFilter"/>, the OHWI weights widened to int16 in FC
/// order with Cout rounded up to whole blocks of four rows, so no weight is unpacked at run time.
/// <see cref="FoldedBias"/> holds bias + input offset x row sum (exact: padding taps hold the zero
/// point). Filter names the original weights tensor (for lifetimes); the emitted code reads PackedFilter.
/// </summary>
public sealed record WideConvCall(
    ConvolveCall Portable, ImmutableArray<uint> PackedFilter, ImmutableArray<int> FoldedBias) : KernelCall(Portable.Op)
{
    public override ImmutableArray<string> Functions => ["tg_convolve_s8_wide"];
    public override ImmutableArray<string> Reads => Portable.Reads;
    public override ImmutableArray<string> Writes => Portable.Writes;

    /// <summary>The column's length, K = KH * KW * Cin.</summary>
    public int K => Portable.FilterDims.H * Portable.FilterDims.W * Portable.FilterDims.C;

    /// <summary>
    /// Mirrors tg_convolve_s8_wide_get_buffer_size: K int16 values in whole groups of four, and the
    /// window's int8 copy in whole words when a filter row (KW * Cin values) is not whole words.
    /// </summary>
    public override int ScratchBytes => checked(8 * ((K + 3) / 4) + (Portable.FilterDims.W * Portable.FilterDims.C % 4 != 0 ? (K + 3) & ~3 : 0));

    /// <summary>
    /// Any convolution but a 1x1 whose Cin is not a multiple of four: that one keeps the int8 GEMM,
    /// whose portable twin the planner may still run in place.
    /// </summary>
    public static bool Fits(ConvolveCall c) => c.InputDims.C % 4 == 0 || c.FilterDims.H * c.FilterDims.W > 1;
}
