using TinyGen.Lowering;

namespace TinyGen.Emit;

/// <summary>
/// Upper bounds of the scratch memory CMSIS-NN's kernels ask for (their *_get_buffer_size functions),
/// taken over the plain C, DSP (Armv7E-M, Armv8-M Main) and Helium (MVE) variants, so one bound holds
/// on every core. The emitted code still asks CMSIS-NN for the exact size at each call and refuses to
/// run (ARM_CMSIS_NN_ARG_ERROR) if it exceeds the buffer, so a newer CMSIS-NN that needs more fails
/// cleanly instead of writing past the scratch.
/// </summary>
public static class CmsisNnScratch
{
    /// <summary>CMSIS-NN's CH_IN_BLOCK_MVE: channels the Helium depthwise kernel processes per block.</summary>
    private const int HeliumDepthwiseChannelBlock = 124;

    public static int BytesFor(KernelCall call) => call switch
    {
        ConvolveCall c => Convolution(c.InputDims.C, c.FilterDims.H, c.FilterDims.W, c.Padding.W),
        DepthwiseConvCall c => Depthwise(c),
        // Helium fully connected kernels read one int32 row sum per output channel.
        FullyConnectedCall c => 4 * c.OutputDims.C,
        // The DSP average pool keeps one int32 sum per channel.
        PoolCall { Pool: Ir.PoolKind.Average } c => 4 * c.InputDims.C,
        _ => 0,
    };

    /// <summary>
    /// arm_convolve_wrapper_s8: im2col of two columns of int16 (plain and DSP, rounded up to 4 taps),
    /// four 16-byte-aligned int8 columns (Helium), the 1xN Helium row buffer, the 1x1 two-column buffer.
    /// </summary>
    private static int Convolution(int inputChannels, int kernelH, int kernelW, int padW)
    {
        var taps = checked(inputChannels * kernelH * kernelW);
        var im2colInt16 = 2 * RoundUp(taps, 4) * sizeof(short);
        var im2colHelium = 4 * RoundUp(taps, 16);
        var rowHelium = checked((kernelW + padW + 1) * inputChannels);
        var oneByOne = 2 * inputChannels * sizeof(short);
        return Max(im2colInt16, im2colHelium, rowHelium, oneByOne);
    }

    /// <summary>
    /// arm_depthwise_conv_wrapper_s8: the DSP kernel's int16 im2col of one window over all channels,
    /// the Helium kernel's per-block buffer, and Helium's rewrite of one-input-channel depthwise as a
    /// convolution (its im2col plus a transposed copy of the filter).
    /// </summary>
    private static int Depthwise(DepthwiseConvCall c)
    {
        var window = checked(c.FilterDims.H * c.FilterDims.W);
        var dsp = checked(c.InputDims.C * window * sizeof(short));
        var helium = checked(4 * HeliumDepthwiseChannelBlock * window);
        var heliumAsConvolution = c.InputDims.C == 1
            ? checked(Convolution(1, c.FilterDims.H, c.FilterDims.W, c.Padding.W) + window * c.OutputDims.C)
            : 0;
        return Max(dsp, helium, heliumAsConvolution);
    }

    private static int RoundUp(int value, int multiple) => checked((value + multiple - 1) / multiple * multiple);

    private static int Max(params int[] values) => values.Max();
}
