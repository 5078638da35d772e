using TinyGen.Lowering;

namespace TinyGen.Emit;

/// <summary>
/// Which kernel calls the emitter hands to CMSIS-NN (with --kernels cmsis-nn) and the template that does
/// it. CMSIS-NN's s8 functions take the same parameter structs as TinyGen's (tg_nn.h mirrors them), so a
/// CMSIS-NN template renders the call's own view under "Call" plus a few CMSIS-NN specifics. Calls
/// CMSIS-NN has no function for (transpose, concat, quantize, broadcast add and mul, ...) stay on
/// TinyGen's kernels.
/// </summary>
public static class CmsisNnCalls
{
    public static bool Supports(KernelCall call) => call switch
    {
        ConvolveCall or DepthwiseConvCall or FullyConnectedCall or PoolCall or SoftmaxCall => true,
        // arm_elementwise_*_s8 take two vectors of block_size elements: no broadcasting.
        ElementwiseAddCall c => c.Input2Length == c.BlockSize,
        ElementwiseMulCall c => c.Input2Length == c.BlockSize,
        _ => false,
    };

    /// <summary>Whether the call's CMSIS-NN function takes a context (working memory) from the model's scratch buffer.</summary>
    public static bool UsesScratch(KernelCall call) => call is ConvolveCall or DepthwiseConvCall or FullyConnectedCall or PoolCall;

    /// <summary>The template and its data for a call <see cref="Supports"/> accepts.</summary>
    /// <param name="view">The call's view for TinyGen's template (see CallViews).</param>
    /// <param name="scratch">The C name of the model's scratch buffer.</param>
    public static (string Template, object View) For(KernelCall call, object view, string scratch) => call switch
    {
        ConvolveCall => ("calls/cmsis_nn/convolve.c.hbs", new { Call = view, Scratch = scratch }),
        DepthwiseConvCall => ("calls/cmsis_nn/depthwise_conv.c.hbs", new { Call = view, Scratch = scratch }),
        FullyConnectedCall c => ("calls/cmsis_nn/fully_connected.c.hbs", new
        {
            Call = view,
            Scratch = scratch,
            c.PerChannel,
            Function = c.PerChannel ? "arm_fully_connected_per_channel_s8" : "arm_fully_connected_s8",
        }),
        PoolCall c => ("calls/cmsis_nn/pool.c.hbs", new
        {
            Call = view,
            Scratch = scratch,
            Average = c.Pool == Ir.PoolKind.Average,
            Function = c.Pool == Ir.PoolKind.Average ? "arm_avgpool_s8" : "arm_max_pool_s8",
        }),
        SoftmaxCall => ("calls/cmsis_nn/softmax.c.hbs", new { Call = view }),
        ElementwiseAddCall => ("calls/cmsis_nn/elementwise_add.c.hbs", new { Call = view }),
        ElementwiseMulCall => ("calls/cmsis_nn/elementwise_mul.c.hbs", new { Call = view }),
        _ => throw new ArgumentException($"CMSIS-NN has no kernel for {call.Op}", nameof(call)),
    };
}
