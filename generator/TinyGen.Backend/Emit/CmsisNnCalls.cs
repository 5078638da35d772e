using TinyGen.Lowering;

namespace TinyGen.Emit;

/// <summary>
/// The template that renders a <see cref="CmsisNnCall"/>: the regular call's own view under "Call"
/// (its arguments are CMSIS-NN's), plus the function and the CMSIS-NN working memory the planner
/// placed in the arena.
/// </summary>
public static class CmsisNnCalls
{
    /// <param name="view">The view TinyGen's template would get for the regular call (see CallViews).</param>
    /// <param name="scratch">The call's scratch in the arena (absent when CMSIS-NN needs none).</param>
    public static (string Template, object View) For(CmsisNnCall call, object view, ScratchView scratch)
    {
        var context = new
        {
            Call = view,
            call.Function,
            // CMSIS-NN takes a void pointer and a size; the arena slot is aligned like every buffer in it.
            ScratchPointer = scratch.Present ? $"{scratch.Arena} + {scratch.Offset}" : "NULL",
            ScratchSize = scratch.Present ? scratch.Size : "0",
            PerChannel = call.Regular is FullyConnectedCall { PerChannel: true },
            Average = call.Regular is PoolCall { Pool: Ir.PoolKind.Average },
        };
        var template = call.Regular switch
        {
            ConvolveCall => "convolve",
            DepthwiseConvCall => "depthwise_conv",
            FullyConnectedCall => "fully_connected",
            PoolCall => "pool",
            SoftmaxCall => "softmax",
            ElementwiseAddCall => "elementwise_add",
            ElementwiseMulCall => "elementwise_mul",
            _ => throw new ArgumentException($"internal: no CMSIS-NN template for {call.Regular.Op}", nameof(call)),
        };
        return ($"calls/cmsis_nn/{template}.c.hbs", context);
    }
}
