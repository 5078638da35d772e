using TinyGen.Frontends.Onnx.Building;
using TinyGen.Lowering;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// tg_convolve_s8_wide against the reference interpreter in QEMU on each DSP core: one image per board
/// chains convolutions with Cin a multiple of four whose shapes come from a per-board seed: 3x3 with
/// symmetric and asymmetric padding (zero-point taps at every border), stride 2, dilation 2, a 5x3
/// kernel, Cout % 4 = 0..3 (the last block's zero rows), K with an odd number of groups past the
/// unrolled four, per-tensor and per-channel scales with the board's extreme multipliers.
/// </summary>
public sealed class WideConvolutionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Boards => new(KernelCases.M4, "mps2-an500", "mps2-an505");

    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void Wide_convolution_matches_the_reference_on_seeded_shapes(string board)
    {
        var random = new Random(board.Sum(ch => ch) * 37);
        var multipliers = board switch { "mps2-an500" => MultiplierRange.Huge, "mps2-an505" => MultiplierRange.Tiny, _ => MultiplierRange.Typical };
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        int h = 9 + random.Next(4), w = 8 + random.Next(4);
        // Cout of each layer is the next one's Cin (multiples of 4), then the last, any remainder mod 4.
        int[] channels = [4 * random.Next(1, 3), 4 * random.Next(3, 6), 4 * random.Next(2, 5), 4 * random.Next(1, 4), 4 * random.Next(2, 4), 4 * random.Next(1, 3) + random.Next(1, 4)];
        var seed = 5100;
        var x = c.Input([1, channels[0], h, w], ++seed);
        ConvSpec[] specs =
        [
            new([.. x.Shape], channels[1]) { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu },
            new([1, channels[1], 1, 1], channels[2]) { Stride = (2, 2), Pads = Padding2D.Explicit(1, 0, 0, 1), PerChannel = false },
            new([1, channels[2], 1, 1], channels[3]) { Dilation = (2, 2), Pads = Padding2D.Symmetric(2, 2), Bias = false },
            new([1, channels[3], 1, 1], channels[4]) { Kernel = (5, 3), Pads = Padding2D.Symmetric(2, 1), Activation = ConvActivation.Relu6 },
            new([1, channels[4], 1, 1], channels[5]) { Pads = Padding2D.Symmetric(1, 1) },
        ];
        foreach (var spec in specs)
            x = c.Conv(x, spec with { InputShape = [.. x.Shape], Seed = ++seed });
        c.Output(x);
        output.WriteLine($"{h}x{w} pixels, channels {string.Join(" -> ", channels)}");

        var result = FirmwareCheck.Verify(c.Build(), $"wide_conv_{board}", board, output);
        Assert.Equal(specs.Length, result.Compilation.Project.Calls.Count(call => call is WideConvCall));
    }

    /// <summary>
    /// Channel counts that are not whole words, as first layers have: Cin 1 with a kernel four wide
    /// (each filter row one word, widened row by row, border rows assembled in their own slot),
    /// Cin 2 with a kernel two wide (the same with two channels per tap), and Cin 3, 5 and 6 whose
    /// filter rows split words (the window copied as bytes, then widened), at strides 1 and 2, with
    /// dilation 2, padding at every border and an odd Cout.
    /// </summary>
    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void Wide_convolution_matches_the_reference_when_channels_are_not_whole_words(string board)
    {
        var random = new Random(board.Sum(ch => ch) * 41);
        var multipliers = board switch { "mps2-an500" => MultiplierRange.Huge, "mps2-an505" => MultiplierRange.Tiny, _ => MultiplierRange.Typical };
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        int h = 19 + random.Next(4), w = 13 + random.Next(4);
        int[] channels = [1, 3, 5, 2, 6, 4 + 2 * random.Next(1, 3) + 1];
        var seed = 5300;
        var x = c.Input([1, channels[0], h, w], ++seed);
        ConvSpec[] specs =
        [
            new([.. x.Shape], channels[1]) { Kernel = (5, 4), Stride = (2, 2), Pads = Padding2D.Symmetric(2, 1), Activation = ConvActivation.Relu },
            new([1, channels[1], 1, 1], channels[2]) { Pads = Padding2D.Symmetric(1, 1), PerChannel = false },
            new([1, channels[2], 1, 1], channels[3]) { Dilation = (2, 2), Pads = Padding2D.Symmetric(2, 2), Bias = false },
            new([1, channels[3], 1, 1], channels[4]) { Kernel = (3, 2), Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu6 },
            new([1, channels[4], 1, 1], channels[5]) { Stride = (2, 2), Pads = Padding2D.Symmetric(1, 1) },
            // Unpadded, 3 x odd Cin per filter row: the last column's window lies inside the input but its row
            // padded to whole words would read past the input row, so it is assembled (the fast path stops before it).
            new([1, channels[5], 1, 1], 3) { PerChannel = false, Activation = ConvActivation.Relu },
        ];
        foreach (var spec in specs)
            x = c.Conv(x, spec with { InputShape = [.. x.Shape], Seed = ++seed });
        c.Output(x);
        output.WriteLine($"{h}x{w} pixels, channels {string.Join(" -> ", channels)}");

        var result = FirmwareCheck.Verify(c.Build(), $"wide_conv_narrow_{board}", board, output);
        Assert.Equal(specs.Length, result.Compilation.Project.Calls.Count(call => call is WideConvCall));
    }
}
