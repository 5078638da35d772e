using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// tg_convolve_1x1_inplace_s8_mve: the MVE pointwise GEMM writing over its input, under the memory
/// rules of <see cref="InPlacePointwiseConvCall"/>. Its scratch holds two output pixels (Cout bytes
/// more than the portable kernel's one) so that the two-column microkernel shares each filter load.
/// </summary>
public sealed record MveInPlacePointwiseConvCall(MveGemmCall Call) : KernelCall(Call.Op)
{
    public override ImmutableArray<string> Functions => ["tg_convolve_1x1_inplace_s8_mve"];
    public override ImmutableArray<string> Reads => Call.Reads;
    public override ImmutableArray<string> Writes => Call.Writes;

    /// <summary>Mirrors tg_convolve_1x1_inplace_s8_mve_get_buffer_size: two output pixels.</summary>
    public override int ScratchBytes => 2 * Call.OutputDims.C;

    public static bool Fits(MveGemmCall call) => call is { Shape: MveGemmShape.Pointwise, Portable: { } c } && InPlacePointwiseConvCall.Fits(c);
}
