using TinyGen.Frontends.Onnx.Building;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// tg_elementwise_add_s8_fast (the table-driven ADD/SUB) against the reference interpreter in QEMU on
/// each DSP core: one image per board chains a same-shape add of two activations whose element count
/// is not a multiple of four (the word loop's tail), a subtract of a constant, an add broadcast along
/// the innermost axis and a fused Relu, with the board's multiplier range.
/// </summary>
public sealed class FastElementwiseAddTests(ITestOutputHelper output)
{
    public static TheoryData<string> Boards => new(KernelCases.M4, "mps2-an500", "mps2-an505");

    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void Table_add_and_sub_match_the_reference_on_seeded_shapes(string board)
    {
        var random = new Random(board.Sum(ch => ch) * 17);
        var multipliers = board switch { "mps2-an500" => MultiplierRange.Huge, "mps2-an505" => MultiplierRange.Tiny, _ => MultiplierRange.Typical };
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        int channels = 2 * random.Next(1, 4) + 1, h = 2 * random.Next(2, 5) + 1, w = 2 * random.Next(2, 5) + 1;
        int[] shape = [1, channels, h, w];
        var x = c.Input(shape, 7100);
        var y = c.Conv(x, new ConvSpec(shape, channels) { Kernel = (1, 1), Seed = 7101 });
        var sum = c.Binary(y, x, BinaryOp.Add, seed: 7102);
        var difference = c.Binary(sum, c.Constant(shape, 7103), BinaryOp.Sub, seed: 7104);
        var broadcast = c.Binary(difference, c.Constant([1, 1, 1, w], 7105), BinaryOp.Add, seed: 7106);
        c.Output(c.Conv(broadcast, new ConvSpec(shape, channels) { Kernel = (1, 1), Activation = ConvActivation.Relu, Seed = 7107 }));
        output.WriteLine($"shape {string.Join("x", shape)}");

        var result = FirmwareCheck.Verify(c.Build(), $"fast_add_{board}", board, output);
        var kernels = result.Compilation.Project.Calls.Select(call => call.Kernel).ToList();
        Assert.Equal(3, kernels.Count(k => k == "tg_elementwise_add_s8_fast"));
    }
}
