using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// tg_depthwise_conv_inplace_s8: a channel-multiplier-1 depthwise convolution whose output overwrites
/// its input. Each input channel is first copied, zero-point padded, into the scratch, so the scratch
/// is one padded channel (the rows and columns the windows reach) instead of a second tensor.
/// The planner uses it only where it lowers the arena. Where the regular call runs on the DSP
/// (<see cref="DepthwiseConvCall.Dsp"/>) so does this one: tg_depthwise_conv_inplace_s8_fast, same
/// contract, its scratch an int16 plane (twice the bytes) so that 3x3 windows take two outputs per
/// SMLAD step, so saving the memory does not cost the speed. Where it runs on MVE
/// (<see cref="DepthwiseConvCall.Mve"/>), tg_depthwise_conv_inplace_s8_mve (tg_nn_mve.h): the
/// portable kernel's contract and int8 scratch, four output pixels per vector.
/// </summary>
public sealed record InPlaceDepthwiseConvCall(DepthwiseConvCall Call) : KernelCall(Call.Op)
{
    public override ImmutableArray<string> Functions =>
        [Call.Mve ? "tg_depthwise_conv_inplace_s8_mve" : Call.Dsp ? "tg_depthwise_conv_inplace_s8_fast" : "tg_depthwise_conv_inplace_s8"];
    public override ImmutableArray<string> Reads => Call.Reads;
    public override ImmutableArray<string> Writes => Call.Writes;

    /// <summary>
    /// Mirrors tg_depthwise_conv_inplace_s8_get_buffer_size: the padded rows one window spans where
    /// <see cref="RingIsSafe"/>, else the whole int8 plane; the MVE kernel always takes the whole plane;
    /// on the DSP, tg_depthwise_conv_inplace_s8_fast_get_buffer_size: an int16 plane with an even row
    /// pitch, either way round (the kernel transposes tall planes).
    /// </summary>
    public override int ScratchBytes
    {
        get
        {
            int rows = PaddedExtent(Call.OutputDims.H, Call.Stride.H, Call.FilterDims.H, Call.Dilation.H);
            int cols = PaddedExtent(Call.OutputDims.W, Call.Stride.W, Call.FilterDims.W, Call.Dilation.W);
            if (Call.Dsp && !Call.Mve) return checked(Math.Max(rows * Even(cols), cols * Even(rows)) * sizeof(short));
            if (Call.Mve) return checked(rows * cols);
            int window = (Call.FilterDims.H - 1) * Call.Dilation.H + 1;
            return checked((RingIsSafe(Call) && window < rows ? window : rows) * cols);
        }
    }

    /// <summary>
    /// The portable kernel's test for copying rows into a ring as the windows reach them: after output
    /// row oy is written, the channel's input pixels below (oy + 1) * W_out are gone, and the next input
    /// row still to be copied must lie above them.
    /// </summary>
    public static bool RingIsSafe(DepthwiseConvCall call)
    {
        var (inH, inW, outH, outW) = (call.InputDims.H, call.InputDims.W, call.OutputDims.H, call.OutputDims.W);
        var (stride, pad, kernel, dilation) = (call.Stride.H, call.Padding.H, call.FilterDims.H, call.Dilation.H);
        for (var oy = 0; oy + 1 < outH; oy++)
        {
            var nextNeeded = Math.Max(oy * stride + (kernel - 1) * dilation + 1 - pad, (oy + 1) * stride - pad);
            var lastOverwritten = ((long)(oy + 1) * outW - 1) / inW;
            if (nextNeeded < inH && nextNeeded <= lastOverwritten) return false;
        }
        return true;
    }

    /// <summary>
    /// Where tg_depthwise_conv_inplace_s8_fast takes its unrolled 3x3 paths (stride 1 or 2 both ways,
    /// no dilation) on an output plane of at least <see cref="MinPlanePixels"/>, the planner runs it in
    /// place even where that saves no bytes. From 4x4 planes up it is the faster kernel: 3.2-5.1
    /// instructions per MAC on the M4 (VWW's 48x48 to 6x6 planes) against tg_depthwise_conv_s8_fast's
    /// 7-10. On 3x3 planes it is slower (VWW's last two: 10.9 and 8.2 against 8.1 and 7.2, 49 K
    /// instructions in all), but a model whose depthwise layers all take it does not link
    /// tg_depthwise_conv_s8_fast, 1.7 KB of code (VWW's model code 20.2 -> 18.6 KB).
    /// </summary>
    public static bool PreferredToRegular(DepthwiseConvCall call) =>
        call.Dsp && !call.Mve && Fits(call) && TakesUnrolledPath(call) && call.OutputDims.H * call.OutputDims.W >= MinPlanePixels;

    /// <summary>Mirrors the kernel's dispatch: 3x3, no dilation, stride 1 or 2 both ways.</summary>
    public static bool TakesUnrolledPath(DepthwiseConvCall call) =>
        call.FilterDims.H == 3 && call.FilterDims.W == 3 && call.Dilation == new TgTile(1, 1) &&
        call.Stride.H == call.Stride.W && call.Stride.H is 1 or 2;

    public const int MinPlanePixels = 9;

    /// <summary>The kernel's contract: one output channel per input channel and no more output bytes than input bytes.</summary>
    public static bool Fits(DepthwiseConvCall call) =>
        call.ChannelMultiplier == 1 && call.InputDims.C == call.OutputDims.C && call.InputDims.N == call.OutputDims.N &&
        call.OutputDims.Elements <= call.InputDims.Elements;

    private static int Even(int n) => (n + 1) & ~1;

    // Input rows from -pad to the last row the last window touches.
    private static int PaddedExtent(int output, int stride, int kernel, int dilation) => (output - 1) * stride + (kernel - 1) * dilation + 1;
}

/// <summary>
/// tg_convolve_1x1_inplace_s8: an unpadded 1x1 convolution writing over its input. Output pixel p is
/// computed into a scratch of C_out bytes and then copied to bytes [p * C_out, (p + 1) * C_out). With
/// no more output than input channels the input starts where the output does; with more (stride 1
/// only) the input sits at least <see cref="InputShift"/> bytes above the output's start, so each copy
/// still lands only on input pixels already read.
/// </summary>
public sealed record InPlacePointwiseConvCall(ConvolveCall Call) : KernelCall(Call.Op)
{
    public override ImmutableArray<string> Functions => ["tg_convolve_1x1_inplace_s8"];
    public override ImmutableArray<string> Reads => Call.Reads;
    public override ImmutableArray<string> Writes => Call.Writes;

    /// <summary>Mirrors tg_convolve_1x1_inplace_s8_get_buffer_size: one output pixel.</summary>
    public override int ScratchBytes => Call.OutputDims.C;

    /// <summary>The least distance from the start of the output to the start of the input (0 unless the output is larger).</summary>
    public long InputShift => Math.Max(0, Call.OutputDims.Elements - Call.InputDims.Elements);

    public static bool Fits(ConvolveCall call) =>
        call.FilterDims.H == 1 && call.FilterDims.W == 1 && call.Padding == new TgTile(0, 0) && call.InputDims.N == call.OutputDims.N &&
        (call.OutputDims.C <= call.InputDims.C
            ? (call.OutputDims.H - 1) * call.Stride.H < call.InputDims.H && (call.OutputDims.W - 1) * call.Stride.W < call.InputDims.W
            : call.Stride == new TgTile(1, 1) && call.OutputDims.H == call.InputDims.H && call.OutputDims.W == call.InputDims.W);
}
