using TinyGen.Frontends.Onnx.Building;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// tg_fully_connected_s8_fast against the reference interpreter in QEMU on each DSP core: one image per
/// board chains fully connected layers whose shapes come from a per-board seed, so every run covers
/// K % 4 = 0..3 (the zero-padded last group), an odd number of whole groups (the unrolled pair loop's
/// leftover), a long K, Cout % 4 = 1..3 (the last block of fewer than four rows) and several input rows.
/// </summary>
public sealed class FastFullyConnectedTests(ITestOutputHelper output)
{
    public static TheoryData<string> Boards => new(KernelCases.M4, "mps2-an500", "mps2-an505");

    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void Fast_fully_connected_matches_the_reference_on_seeded_shapes(string board)
    {
        var random = new Random(board.Sum(ch => ch) * 31);
        var multipliers = board switch { "mps2-an500" => MultiplierRange.Huge, "mps2-an505" => MultiplierRange.Tiny, _ => MultiplierRange.Typical };
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        var batch = 2 + random.Next(2);
        // K: a long one with an odd group count, then one of each remainder mod 4, the last below one group.
        int[] features = [4 * (61 + 2 * random.Next(10)), 4 * random.Next(3, 9) + 1, 4 * random.Next(3, 9) + 2, 4 * random.Next(3, 9) + 3, 3, 4 * random.Next(2, 6) + random.Next(1, 4)];
        var seed = 4200;
        var x = c.Input([batch, features[0]], ++seed);
        for (var i = 1; i < features.Length; i++)
            x = c.FullyConnected(x, new FullyConnectedSpec(features[i - 1], features[i])
            {
                Batch = batch, PerChannel = i % 2 == 0, Bias = i != 3,
                Activation = i == 2 ? ConvActivation.Relu : ConvActivation.None, Seed = ++seed,
            });
        c.Output(x);
        output.WriteLine($"batch {batch}, features {string.Join(" -> ", features)}");

        var result = FirmwareCheck.Verify(c.Build(), $"fast_fc_{board}", board, output);
        var kernels = result.Compilation.Project.Calls.Select(call => call.Kernel).Where(k => k.Length > 0).ToList();
        Assert.Equal(features.Length - 1, kernels.Count(k => k == "tg_fully_connected_s8_fast"));
    }
}
