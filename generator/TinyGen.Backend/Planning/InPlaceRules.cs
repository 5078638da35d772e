using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning;

/// <summary>
/// Which kernel calls may put their output over an input, and how. The rules follow the kernels'
/// access order (tg_nn.h): elementwise kernels read element i before writing element i, so an
/// output no larger than its input may overwrite it; the float-to-int8 quantizer writes byte i after
/// reading bytes 4i..4i+3; convolutions need their in-place twins.
/// </summary>
public static class InPlaceRules
{
    public static ImmutableArray<InPlaceOption> For(Graph graph, KernelCall call) => call switch
    {
        AliasCall c => [new(InPlaceKind.View, c.Input, c.Output)],
        ClampCall c => Overwrite(graph, c.Input, c.Output),
        RequantizeCall c => Overwrite(graph, c.Input, c.Output),
        ConvertCall c => Overwrite(graph, c.Input, c.Output),
        QuantizeFloatCall c => Overwrite(graph, c.Input, c.Output),
        ElementwiseAddCall c => [.. Overwrite(graph, c.Input1, c.Output), .. SameLength(c.Input2Length, c.BlockSize) ? Overwrite(graph, c.Input2, c.Output) : []],
        ElementwiseMulCall c => [.. Overwrite(graph, c.Input1, c.Output), .. SameLength(c.Input2Length, c.BlockSize) ? Overwrite(graph, c.Input2, c.Output) : []],
        DepthwiseConvCall c when InPlaceDepthwiseConvCall.Fits(c) && IsActivation(graph, c.Input) =>
            [new(InPlaceKind.SlowOverwrite, c.Input, c.Output, new InPlaceDepthwiseConvCall(c).ScratchBytes, InPlaceDepthwiseConvCall.PreferredToRegular(c))],
        ConvolveCall c when InPlacePointwiseConvCall.Fits(c) && IsActivation(graph, c.Input) =>
            [new(InPlaceKind.SlowOverwrite, c.Input, c.Output, new InPlacePointwiseConvCall(c).ScratchBytes)],
        // The DSP pointwise kernel widens each pixel into its scratch first, so it runs in place as it is.
        FastPointwiseConvCall c when InPlacePointwiseConvCall.Fits(c.Portable) && IsActivation(graph, c.Portable.Input) =>
            [new(InPlaceKind.SlowOverwrite, c.Portable.Input, c.Portable.Output, c.ScratchBytes)],
        // The DSP GEMM keeps the portable call it replaced, so the in-place kernel stays an option.
        GemmConvCall { Portable: { } c } when InPlacePointwiseConvCall.Fits(c) && IsActivation(graph, c.Input) =>
            [new(InPlaceKind.SlowOverwrite, c.Input, c.Output, new InPlacePointwiseConvCall(c).ScratchBytes)],
        // CMSIS-NN's add and mul also read element i before writing it; its other kernels never overwrite their input.
        CmsisNnCall { Regular: ElementwiseAddCall or ElementwiseMulCall } c => For(graph, c.Regular),
        // The MVE pointwise GEMM has its own in-place twin (two pixels through scratch, same memory rules).
        MveGemmCall c when MveInPlacePointwiseConvCall.Fits(c) && IsActivation(graph, c.Input) =>
            [new(InPlaceKind.SlowOverwrite, c.Input, c.Output, new MveInPlacePointwiseConvCall(c).ScratchBytes)],
        _ => [],
    };

    /// <summary>The kernel call that runs <paramref name="call"/> over its input, for steps planned <see cref="InPlaceKind.SlowOverwrite"/>.</summary>
    public static KernelCall SlowVariant(KernelCall call) => call switch
    {
        DepthwiseConvCall c => new InPlaceDepthwiseConvCall(c) { Reason = InPlaceDepthwiseReason(c) },
        ConvolveCall c => new InPlacePointwiseConvCall(c),
        GemmConvCall { Portable: { } c } => new InPlacePointwiseConvCall(c),
        FastPointwiseConvCall c => c with { InPlace = true },
        MveGemmCall c => new MveInPlacePointwiseConvCall(c) { Reason = $"in place (lowers the arena): {c.Reason}, two pixels through scratch" },
        _ => throw new InvalidOperationException($"internal: {call.Op} has no in-place kernel"),
    };

    private static string InPlaceDepthwiseReason(DepthwiseConvCall c) => c.Mve
        ? $"in place (lowers the arena): depthwise {c.FilterDims.H}x{c.FilterDims.W} s{c.Stride.H} through one padded channel, 4 pixels per VMLA by each tap, MVE"
        : c.Dsp
        ? $"in place ({(InPlaceDepthwiseConvCall.PreferredToRegular(c) ? "preferred to the regular kernel, arena no larger" : "lowers the arena")}): depthwise " +
          $"{c.FilterDims.H}x{c.FilterDims.W} s{c.Stride.H} through one int16 channel plane, " +
          (InPlaceDepthwiseConvCall.TakesUnrolledPath(c) ? "two outputs per SMLAD step, DSP" : "one tap at a time, DSP")
        : $"in place (lowers the arena): depthwise {c.FilterDims.H}x{c.FilterDims.W} s{c.Stride.H} through one padded channel; {c.Reason}";

    private static bool SameLength(int input2Length, int blockSize) => input2Length == blockSize;

    private static bool IsActivation(Graph graph, string name) => !graph[name].IsConstant;

    private static ImmutableArray<InPlaceOption> Overwrite(Graph graph, string input, string output) =>
        IsActivation(graph, input) && graph[output].SizeInBytes <= graph[input].SizeInBytes
            ? [new(InPlaceKind.Overwrite, input, output)]
            : [];
}
