using TinyGen.Frontends.Onnx.Building;
using TinyGen.Lowering;
using TinyGen.Planning;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// tg_depthwise_conv_inplace_s8 (the portable in-place depthwise, on cores without DSP) against the
/// reference interpreter in QEMU on the M3. Its scratch is a ring of the padded rows one window spans
/// where no row can be written over before a window copies it, else the whole padded channel; one
/// chain reaches both, with dilation, 5x5 and 1x1 kernels, strides 1 and 2, asymmetric and heavy top
/// padding, and random channel counts, sizes and requantization ranges.
/// </summary>
public sealed class InPlaceDepthwisePortableTests(ITestOutputHelper output)
{
    [RequiresFirmwareTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void In_place_depthwise_through_a_row_ring_matches_the_reference(int variant)
    {
        var result = FirmwareCheck.Verify(Chain(variant), $"dw-ring{variant}", KernelCases.M3, output, seed: 4099 * variant,
            new PlannerOptions { OptionalInPlace = InPlacePolicy.Everywhere });
        var inPlace = result.Compilation.Project.Calls.OfType<InPlaceDepthwiseConvCall>().ToList();
        foreach (var call in inPlace)
            output.WriteLine($"{call.Op.Name}: ring {InPlaceDepthwiseConvCall.RingIsSafe(call.Call)}, scratch {call.ScratchBytes} B");
        // The float input is quantized into an activation first, so all five layers run in place.
        Assert.Equal(5, inPlace.Count);
        Assert.All(inPlace, call => Assert.Equal("tg_depthwise_conv_inplace_s8", call.Kernel));
        // Both scratch forms ran: a ring smaller than the padded channel, and the whole channel.
        Assert.Contains(inPlace, call => InPlaceDepthwiseConvCall.RingIsSafe(call.Call));
        Assert.Contains(inPlace, call => !InPlaceDepthwiseConvCall.RingIsSafe(call.Call));
    }

    /// <summary>
    /// 3x3 s1 pad 1 → 3x3 dilation 2 pad 2 → 5x5 s2 pads (2, 1, 1, 2) →
    /// 1x1 s2 pads (2, 1, 0, 1), whose output rows outrun its input rows (the whole-channel copy) →
    /// 3x3 s1 pad 1.
    /// </summary>
    private static GeneratedModel Chain(int variant)
    {
        var random = new Random(variant * 7717);
        var multipliers = variant == 1 ? MultiplierRange.Huge : MultiplierRange.Tiny;
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        var channels = new[] { 3, 5, 7 }[random.Next(3)];
        // 11..12 x 9..10: the 5x5 s2 layer leaves 5..6 x 4..5, where the padded 1x1 s2 layer cannot use a ring.
        int h = 11 + random.Next(2), w = 9 + random.Next(2);
        var seed = 5100 + variant * 10;
        var x = c.Input([1, channels, h, w], ++seed);
        ConvSpec Depthwise() => ConvSpec.Depthwise([.. x.Shape]) with { Seed = ++seed };
        x = c.Conv(x, Depthwise() with { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu });
        x = c.Conv(x, Depthwise() with { Dilation = (2, 2), Pads = Padding2D.Symmetric(2, 2) });
        x = c.Conv(x, Depthwise() with { Kernel = (5, 5), Stride = (2, 2), Pads = Padding2D.Explicit(2, 1, 1, 2), Activation = ConvActivation.Relu6 });
        x = c.Conv(x, Depthwise() with { Kernel = (1, 1), Stride = (2, 2), Pads = Padding2D.Explicit(2, 1, 0, 1), PerChannel = false });
        c.Output(c.Conv(x, Depthwise() with { Pads = Padding2D.Symmetric(1, 1) }));
        return c.Build();
    }
}
