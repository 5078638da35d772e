using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// A layer handed to Arm's CMSIS-NN (--kernels cmsis-nn). CMSIS-NN's s8 functions take the same
/// parameters as TinyGen's (tg_nn.h mirrors them), so <see cref="Regular"/> keeps every argument;
/// this record names the arm_ function and asks the planner for the scratch CMSIS-NN needs, which
/// then lives in the arena like any kernel's, so the reported arena is all the model's RAM.
/// </summary>
public sealed record CmsisNnCall : KernelCall
{
    private CmsisNnCall(KernelCall regular, string function, int scratchBytes) : base(regular.Op)
    {
        Regular = regular;
        Function = function;
        ScratchBytes = scratchBytes;
        Reason = "Arm CMSIS-NN";
    }

    /// <summary>The TinyGen call this replaces: its arguments are CMSIS-NN's.</summary>
    public KernelCall Regular { get; }

    /// <summary>The CMSIS-NN entry point, e.g. arm_convolve_wrapper_s8.</summary>
    public string Function { get; }

    public override ImmutableArray<string> Functions => [Function];
    public override ImmutableArray<string> Reads => Regular.Reads;
    public override ImmutableArray<string> Writes => Regular.Writes;
    /// <summary>The most working memory CMSIS-NN's variant for the target core asks for (see <see cref="CmsisNnScratch"/>).</summary>
    public override int ScratchBytes { get; }

    /// <summary>The CMSIS-NN function that runs <paramref name="call"/>, or null where CMSIS-NN has none (transpose, concat, quantize, broadcasting add and mul, ...).</summary>
    public static string? FunctionFor(KernelCall call) => call switch
    {
        ConvolveCall => "arm_convolve_wrapper_s8",
        DepthwiseConvCall => "arm_depthwise_conv_wrapper_s8",
        FullyConnectedCall { PerChannel: true } => "arm_fully_connected_per_channel_s8",
        FullyConnectedCall => "arm_fully_connected_s8",
        PoolCall { Pool: PoolKind.Average } => "arm_avgpool_s8",
        PoolCall => "arm_max_pool_s8",
        SoftmaxCall => "arm_softmax_s8",
        // arm_elementwise_*_s8 take two vectors of block_size elements: no broadcasting.
        ElementwiseAddCall c when c.Input2Length == c.BlockSize => "arm_elementwise_add_s8",
        ElementwiseMulCall c when c.Input2Length == c.BlockSize => "arm_elementwise_mul_s8",
        _ => null,
    };

    public static bool Supports(KernelCall call) => FunctionFor(call) is not null;

    /// <summary>Every call CMSIS-NN has a function for, handed to it with the scratch it needs on <paramref name="core"/>; the others unchanged.</summary>
    public static ImmutableArray<KernelCall> Substitute(ImmutableArray<KernelCall> calls, TargetCore core) =>
        calls.Select(call => FunctionFor(call) is { } function ? new CmsisNnCall(call, function, CmsisNnScratch.BytesFor(call, core)) : call).ToImmutableArray();
}
