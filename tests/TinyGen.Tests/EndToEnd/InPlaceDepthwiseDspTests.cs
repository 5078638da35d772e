using TinyGen.Frontends.Onnx.Building;
using TinyGen.Lowering;
using TinyGen.Planning;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// tg_depthwise_conv_inplace_s8_fast (the in-place depthwise the planner picks on DSP cores) against
/// the reference interpreter in QEMU on each DSP core: one firmware image per board runs a chain of
/// depthwise layers, all planned in place, that reaches every path of the kernel: the unrolled 3x3,
/// 5x5 and 7x7, a 3x5 kernel with run-time bounds, dilation 2 (one tap at a time), strides 1 and 2
/// (and 1x2), symmetric, asymmetric and no padding, a plane narrower than one word, odd channel
/// counts and, per board, typical, huge or tiny requantization multipliers.
/// </summary>
public sealed class InPlaceDepthwiseDspTests(ITestOutputHelper output)
{
    public static TheoryData<string> Boards => new(KernelCases.M4, "mps2-an500", "mps2-an505");

    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void In_place_depthwise_on_DSP_cores_matches_the_reference(string board)
    {
        var result = FirmwareCheck.Verify(Chain(board), "dw-chain", board, output, seed: board.Length * 104729,
            new PlannerOptions { OptionalInPlace = InPlacePolicy.Everywhere });
        var depthwise = result.Compilation.Project.Calls.Where(c => c is InPlaceDepthwiseConvCall or DepthwiseConvCall).ToList();
        foreach (var call in depthwise)
            output.WriteLine($"{call.Op.Name}: {call.Kernel} ({call.Reason})");
        Assert.Equal(6, depthwise.Count);
        // The graph input is not the planner's to overwrite; every later layer runs in place on the DSP kernel.
        Assert.All(depthwise.Skip(1), call => Assert.Equal("tg_depthwise_conv_inplace_s8_fast", call.Kernel));
    }

    /// <summary>
    /// The unrolled 3x3 plane paths on small random shapes under the default policy, where the planner
    /// runs the kernel in place because it prefers it (<see cref="InPlaceDepthwiseConvCall.PreferredToRegular"/>),
    /// not to save bytes: tall planes (transposed) and wide ones, odd and even plane rows (the
    /// single-output tails), strides 1 and 2, pads 0, 1 and asymmetric, odd channel counts and
    /// per-board multiplier ranges.
    /// </summary>
    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void Faster_3x3_plane_paths_on_DSP_cores_match_the_reference(string board)
    {
        var result = FirmwareCheck.Verify(SmallChain(board), "dw-small", board, output, seed: board.Length * 7919, PlannerOptions.Default);
        var depthwise = result.Compilation.Project.Calls.Where(c => c is InPlaceDepthwiseConvCall or DepthwiseConvCall).ToList();
        foreach (var call in depthwise)
            output.WriteLine($"{call.Op.Name}: {call.Kernel} ({call.Reason})");
        Assert.Equal(5, depthwise.Count);
        Assert.Contains(depthwise, call => call.Kernel == "tg_depthwise_conv_inplace_s8_fast");
    }

    /// <summary>
    /// On an input of 10..12 x 6..8 pixels or its transpose (each parity): 3x3 s1 pad 1 → 3x3 s2 pad 1 → 3x3 s1 pad (0, 1, 1, 0)
    /// → 3x3 s2 pad (1, 0, 0, 1) → 3x3 s1 pad 1. Layers whose output plane is large enough run the plane
    /// kernel; the small ones show the regular kernel still beside it.
    /// </summary>
    private static GeneratedModel SmallChain(string board)
    {
        var random = new Random(board.Sum(ch => (int)ch) * 17);
        var multipliers = board switch { "mps2-an500" => MultiplierRange.Tiny, "mps2-an505" => MultiplierRange.Huge, _ => MultiplierRange.Typical };
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        var channels = new[] { 3, 5, 13 }[random.Next(3)];
        // Tall on the M4 (the kernel transposes the plane), wide on the M7, either on the M33.
        int longSide = 10 + random.Next(3), shortSide = 6 + random.Next(3);
        var (h, w) = board switch
        {
            "mps2-an500" => (shortSide, longSide),
            "mps2-an505" => random.Next(2) == 0 ? (shortSide, longSide) : (longSide, shortSide),
            _ => (longSide, shortSide),
        };
        var seed = 2600;
        var x = c.Input([1, channels, h, w], ++seed);
        ConvSpec Depthwise() => ConvSpec.Depthwise([.. x.Shape]) with { Seed = ++seed };
        x = c.Conv(x, Depthwise() with { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu });
        x = c.Conv(x, Depthwise() with { Stride = (2, 2), Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu6 });
        x = c.Conv(x, Depthwise() with { Pads = Padding2D.Explicit(0, 1, 1, 0) });
        x = c.Conv(x, Depthwise() with { Stride = (2, 2), Pads = Padding2D.Explicit(1, 0, 0, 1), PerChannel = false });
        c.Output(c.Conv(x, Depthwise() with { Pads = Padding2D.Symmetric(1, 1) }));
        return c.Build();
    }

    /// <summary>
    /// 3x3 s1 pad 1 → 3x3 dilation 2 pad 2 → 5x5 s2 pads (2, 1, 1, 2) → 7x7 s1 same → 3x5 s1x2 pad (1, 2)
    /// → 3x3 s2 unpadded (its last plane row is narrower than a word).
    /// </summary>
    private static GeneratedModel Chain(string board)
    {
        var random = new Random(board.Sum(ch => (int)ch) * 31);
        var multipliers = board switch { "mps2-an500" => MultiplierRange.Huge, "mps2-an505" => MultiplierRange.Tiny, _ => MultiplierRange.Typical };
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        var channels = new[] { 5, 7, 9, 11 }[random.Next(4)];
        int h = 17 + random.Next(3), w = 15 + random.Next(3);
        var seed = 1300;
        var x = c.Input([1, channels, h, w], ++seed);
        ConvSpec Depthwise() => ConvSpec.Depthwise([.. x.Shape]) with { Seed = ++seed };
        x = c.Conv(x, Depthwise() with { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu6 });
        x = c.Conv(x, Depthwise() with { Dilation = (2, 2), Pads = Padding2D.Symmetric(2, 2) });
        x = c.Conv(x, Depthwise() with { Kernel = (5, 5), Stride = (2, 2), Pads = Padding2D.Explicit(2, 1, 1, 2), Activation = ConvActivation.Relu });
        x = c.Conv(x, Depthwise() with { Kernel = (7, 7), Pads = Padding2D.SameUpper, PerChannel = false });
        x = c.Conv(x, Depthwise() with { Kernel = (3, 5), Stride = (1, 2), Pads = Padding2D.Symmetric(1, 2) });
        c.Output(c.Conv(x, Depthwise() with { Stride = (2, 2) }));
        return c.Build();
    }
}
