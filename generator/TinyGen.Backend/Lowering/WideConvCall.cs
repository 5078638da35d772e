using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// A convolution with Cin a multiple of four on a DSP core, tg_convolve_s8_wide (contract:
/// tg_nn_fast.h): each output pixel's window is widened straight into an int16 column in the scratch
/// and multiplied with <see cref="PackedFilter"/>, the OHWI weights widened to int16 in FC order with
/// Cout rounded up to whole blocks of four rows, so no weight is unpacked at run time.
/// <see cref="FoldedBias"/> holds bias + input offset x row sum (exact: padding taps hold the zero
/// point). Filter names the original weights tensor (for lifetimes); the emitted code reads PackedFilter.
/// </summary>
public sealed record WideConvCall(
    ConvolveCall Portable, ImmutableArray<uint> PackedFilter, ImmutableArray<int> FoldedBias) : KernelCall(Portable.Op)
{
    public override ImmutableArray<string> Functions => ["tg_convolve_s8_wide"];
    public override ImmutableArray<string> Reads => Portable.Reads;
    public override ImmutableArray<string> Writes => Portable.Writes;

    /// <summary>Mirrors tg_convolve_s8_wide_get_buffer_size: one column of K int16 values.</summary>
    public override int ScratchBytes => 2 * Portable.FilterDims.H * Portable.FilterDims.W * Portable.FilterDims.C;

    /// <summary>Whole groups of four channels per tap; the first convolutions with 1 or 3 channels keep their own kernels.</summary>
    public static bool Fits(ConvolveCall c) => c.InputDims.C % 4 == 0;
}
