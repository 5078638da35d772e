using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// A convolution on a DSP core, tg_convolve_s8_wide (contract: tg_nn_fast.h): each output pixel's
/// window is widened into an int16 column in the scratch, filter row by filter row straight from the
/// input, and multiplied with <see cref="PackedFilter"/>, the OHWI weights widened to int16 in FC
/// order with Cout rounded up to whole blocks of four rows, so no weight is unpacked at run time.
/// A filter row of KW * Cin values that is not whole words (a first layer's 3x3 on 3 channels: 9)
/// gets zero weights up to the next word (12): the kernel then reads each row as words from the
/// input, and the extra values it reads meet zeros. <see cref="FoldedBias"/> holds bias + input
/// offset x row sum (exact: padding taps hold the zero point). Filter names the original weights
/// tensor (for lifetimes); the emitted code reads PackedFilter.
/// </summary>
public sealed record WideConvCall(
    ConvolveCall Portable, ImmutableArray<uint> PackedFilter, ImmutableArray<int> FoldedBias) : KernelCall(Portable.Op)
{
    public override ImmutableArray<string> Functions => ["tg_convolve_s8_wide"];
    public override ImmutableArray<string> Reads => Portable.Reads;
    public override ImmutableArray<string> Writes => Portable.Writes;

    /// <summary>The window's length, K = KH * KW * Cin.</summary>
    public int K => Portable.FilterDims.H * Portable.FilterDims.W * Portable.FilterDims.C;

    /// <summary>A filter row's values rounded up to whole words.</summary>
    public int RowBytes => RoundedRow(Portable.FilterDims.W * Portable.FilterDims.C);

    /// <summary>The column's length: KH rows of <see cref="RowBytes"/>.</summary>
    public int PaddedK => Portable.FilterDims.H * RowBytes;

    /// <summary>Mirrors tg_convolve_s8_wide_get_buffer_size: the padded column as int16, two bytes a value.</summary>
    public override int ScratchBytes => checked(2 * PaddedK);

    /// <summary>
    /// Any convolution but a 1x1 whose Cin is not a multiple of four: that one keeps the int8 GEMM,
    /// whose portable twin the planner may still run in place.
    /// </summary>
    public static bool Fits(ConvolveCall c) => c.InputDims.C % 4 == 0 || c.FilterDims.H * c.FilterDims.W > 1;

    /// <summary>
    /// The OHWI weights of <paramref name="rows"/> output channels, each filter row of
    /// <paramref name="rowValues"/> values followed by zeros up to <see cref="RoundedRow"/>.
    /// </summary>
    public static sbyte[] PadRows(ReadOnlySpan<sbyte> weights, int rows, int filterRows, int rowValues)
    {
        var padded = RoundedRow(rowValues);
        var result = new sbyte[rows * filterRows * padded];
        for (var r = 0; r < rows * filterRows; r++)
            weights.Slice(r * rowValues, rowValues).CopyTo(result.AsSpan(r * padded));
        return result;
    }

    private static int RoundedRow(int values) => (values + 3) & ~3;
}
