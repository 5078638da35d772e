using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// A pointwise (1x1, unpadded) convolution on a DSP core, tg_pointwise_conv_s8_fast (contract:
/// tg_nn_fast.h): <see cref="PackedFilter"/> holds the weights widened to int16 in FC order with Cout
/// rounded up to whole blocks of four rows (<see cref="FullyConnectedFilterLayout.PackedInWholeBlocks"/>),
/// <see cref="FoldedBias"/> bias + input offset x row sum, Requantization one entry per output channel.
/// The kernel widens one input pixel at a time into its scratch before writing that pixel's outputs,
/// so the same call also runs with the output over its input (<see cref="InPlace"/>, chosen by the
/// planner where it lowers the arena) at the same speed. Filter names the original weights tensor
/// (for lifetimes); the emitted code reads PackedFilter.
/// </summary>
public sealed record FastPointwiseConvCall(
    ConvolveCall Portable, ImmutableArray<uint> PackedFilter, ImmutableArray<int> FoldedBias) : KernelCall(Portable.Op)
{
    /// <summary>Planned with its output over its input (only changes the emitted comment: the kernel is the same).</summary>
    public bool InPlace { get; init; }

    public override ImmutableArray<string> Functions => ["tg_pointwise_conv_s8_fast"];
    public override ImmutableArray<string> Reads => Portable.Reads;
    public override ImmutableArray<string> Writes => Portable.Writes;

    /// <summary>Mirrors tg_pointwise_conv_s8_fast_get_buffer_size: the pixel as int16, whole groups of four channels.</summary>
    public override int ScratchBytes => 8 * ((Portable.InputDims.C + 3) / 4);

    /// <summary>The kernel's contract: a 1x1 filter without padding whose strided pixels stay inside the input.</summary>
    public static bool Fits(ConvolveCall c) =>
        c.FilterDims.H == 1 && c.FilterDims.W == 1 && c.Padding == new TgTile(0, 0) &&
        (c.OutputDims.H - 1) * c.Stride.H < c.InputDims.H && (c.OutputDims.W - 1) * c.Stride.W < c.InputDims.W;
}
