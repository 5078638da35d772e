using TinyGen.Frontends.Onnx.Building;
using TinyGen.Lowering;
using TinyGen.Planning;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// tg_pointwise_conv_s8_fast against the reference interpreter in QEMU on each DSP core: one image per
/// board chains 1x1 convolutions whose shapes come from a per-board seed, so every run covers Cin % 4 =
/// 0..3 (the zero-padded last group of the widened pixel), Cout % 4 = 0..3 (the last block's zero rows),
/// a long Cin with an odd group count (the four-group loop's leftover), strides 1, 2 and one that leaves
/// a single output pixel, per-tensor and per-channel scales with the board's extreme multipliers, and
/// the kernel both beside its input (whose tensor an Add still reads) and over it (planned in place
/// wherever legal: narrower outputs at any stride, a wider one at stride 1 with the input above it).
/// </summary>
public sealed class FastPointwiseTests(ITestOutputHelper output)
{
    public static TheoryData<string> Boards => new(KernelCases.M4, "mps2-an500", "mps2-an505");

    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void Fast_pointwise_matches_the_reference_beside_and_over_its_input(string board)
    {
        var random = new Random(board.Sum(ch => ch) * 131);
        var multipliers = board switch { "mps2-an500" => MultiplierRange.Huge, "mps2-an505" => MultiplierRange.Tiny, _ => MultiplierRange.Typical };
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        int h = 4 + random.Next(4), w = 3 + random.Next(4);
        // A small input; then a long Cin with an odd number of groups past the unrolled four, the widest
        // tensor, so that writing over it is what lowers the arena; then each remainder mod 4.
        var c0 = 4 * random.Next(2, 4) + 1;
        int[] widths = [4 * (17 + 2 * random.Next(4)) + 3, 4 * random.Next(3, 7) + 1, 4 * random.Next(2, 5) + 2, 4 * random.Next(6, 9), 4 * random.Next(1, 3) + 3];
        var seed = 7300;
        var x = c.Input([1, c0, h, w], ++seed);
        // Beside: the input stays live for the Add, so this conv cannot write over it.
        var same = c.Conv(x, new ConvSpec([.. x.Shape], c0) { Kernel = (1, 1), Seed = ++seed });
        x = c.Binary(same, x, BinaryOp.Add, ++seed);
        for (var i = 0; i < widths.Length; i++)
            x = c.Conv(x, new ConvSpec([.. x.Shape], widths[i])
            {
                Kernel = (1, 1), Stride = i == 2 ? (2, 2) : (1, 1), PerChannel = i % 2 == 0, Bias = i != 3,
                Activation = i == 1 ? ConvActivation.Relu : i == 4 ? ConvActivation.Relu6 : ConvActivation.None, Seed = ++seed,
            });
        // One output pixel: the stride steps past the whole input.
        x = c.Conv(x, new ConvSpec([.. x.Shape], 4 * random.Next(1, 4) + 1) { Kernel = (1, 1), Stride = (x.Shape[2], x.Shape[3]), Seed = ++seed });
        c.Output(x);
        output.WriteLine($"{h}x{w} pixels, channels {c0} -> {c0} (+ input) -> {string.Join(" -> ", widths)} -> {x.Shape[1]} (1 pixel)");

        // In place wherever legal, not only where it lowers the arena, so the wider output over its input runs too.
        var result = FirmwareCheck.Verify(c.Build(), $"fast_pointwise_{board}", board, output,
            planner: new PlannerOptions { OptionalInPlace = InPlacePolicy.Everywhere });
        var pointwise = result.Compilation.Project.Calls.OfType<FastPointwiseConvCall>().ToList();
        foreach (var call in pointwise)
            output.WriteLine($"{call.Portable.InputDims} -> {call.Portable.OutputDims}: {(call.InPlace ? "in place" : "beside its input")}");
        Assert.Equal(widths.Length + 2, pointwise.Count);
        Assert.Contains(pointwise, p => p.InPlace && p.Portable.OutputDims.C > p.Portable.InputDims.C);
        Assert.Contains(pointwise, p => p.InPlace && p.Portable.OutputDims.C < p.Portable.InputDims.C);
        Assert.Contains(pointwise, p => !p.InPlace);
        Assert.DoesNotContain(result.Compilation.Project.Calls, call => call is ConvolveCall or InPlacePointwiseConvCall);
    }
}
