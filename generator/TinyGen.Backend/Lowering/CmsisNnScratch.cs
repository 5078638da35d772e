namespace TinyGen.Lowering;

/// <summary>
/// Upper bounds of the scratch memory CMSIS-NN's kernels ask for (their *_get_buffer_size functions)
/// on one core: CMSIS-NN picks its plain C, DSP (Armv7E-M, Armv8-M Main) or Helium (MVE) variant from
/// the core's features, and each asks for its own buffer. The planner places the bound in the arena;
/// the emitted code still asks CMSIS-NN for the exact size at each call and refuses to run
/// (ARM_CMSIS_NN_ARG_ERROR) if it exceeds the slot, so a newer CMSIS-NN that needs more, or a build
/// for another core, fails cleanly instead of writing past it.
/// </summary>
public static class CmsisNnScratch
{
    /// <summary>CMSIS-NN's CH_IN_BLOCK_MVE: channels the Helium depthwise kernel processes per block.</summary>
    private const int HeliumDepthwiseChannelBlock = 124;

    public static int BytesFor(KernelCall call, TargetCore core) => call switch
    {
        ConvolveCall c => Convolution(c.InputDims.C, c.FilterDims.H, c.FilterDims.W, c.Padding.W, core),
        DepthwiseConvCall c => Depthwise(c, core),
        // Only the Helium fully connected kernels take memory: one int32 row sum per output channel.
        FullyConnectedCall c => core.Mve ? 4 * c.OutputDims.C : 0,
        // Only the DSP average pool does: one int32 sum per channel.
        PoolCall { Pool: Ir.PoolKind.Average } c => core.Dsp && !core.Mve ? 4 * c.InputDims.C : 0,
        _ => 0,
    };

    /// <summary>
    /// arm_convolve_wrapper_s8. Plain and DSP: the im2col of two columns of int16 (rounded up to 4
    /// taps), or the 1x1 fast kernel's two columns (armclang builds only; counted anyway). Helium:
    /// four 16-byte-aligned int8 columns, or the 1xN row buffer.
    /// </summary>
    private static int Convolution(int inputChannels, int kernelH, int kernelW, int padW, TargetCore core)
    {
        var taps = checked(inputChannels * kernelH * kernelW);
        if (core.Mve) return Math.Max(4 * RoundUp(taps, 16), checked((kernelW + padW + 1) * inputChannels));
        return Math.Max(2 * RoundUp(taps, 4) * sizeof(short), 2 * inputChannels * sizeof(short));
    }

    /// <summary>
    /// arm_depthwise_conv_wrapper_s8: nothing in plain C; DSP: the int16 im2col of one window over all
    /// channels (counted for the 3x3 kernel too, which takes none); Helium: the per-block buffer, or its
    /// rewrite of one-input-channel depthwise as a convolution (its im2col plus a transposed filter).
    /// </summary>
    private static int Depthwise(DepthwiseConvCall c, TargetCore core)
    {
        var window = checked(c.FilterDims.H * c.FilterDims.W);
        if (core.Mve)
        {
            var helium = checked(4 * HeliumDepthwiseChannelBlock * window);
            var asConvolution = c.InputDims.C == 1 ? checked(Convolution(1, c.FilterDims.H, c.FilterDims.W, c.Padding.W, core) + window * c.OutputDims.C) : 0;
            return Math.Max(helium, asConvolution);
        }
        return core.Dsp ? checked(c.InputDims.C * window * sizeof(short)) : 0;
    }

    private static int RoundUp(int value, int multiple) => checked((value + multiple - 1) / multiple * multiple);
}
