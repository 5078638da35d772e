using TinyGen.Frontends.Onnx.Building;
using TinyGen.Planning;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// The MVE kernels (tg_nn_mve.h) against the reference interpreter in QEMU on the Cortex-M55 board:
/// seeded chains that reach each of them with channel counts below, at and past 16 and 4 (so the
/// vector tails are predicated), borders, strides 1 and 2, dilation, and typical, tiny (right shifts
/// up to 23) and huge (left shifts) requantization multipliers; a fully connected layer over three
/// rows (two-row and one-row blocks). The in-place kernels are switched off so every layer that
/// fits an MVE kernel runs one. The ELF is disassembled: it must hold the vector instructions.
/// </summary>
public sealed class MveKernelTests(ITestOutputHelper output)
{
    // objdump prints VMLADAVA by its alias VMLAVA.
    private static readonly string[] MveMnemonics = ["vmlava", "vmullb", "vmullt", "vqrdmulh", "vrshl", "vctp"];

    public static TheoryData<int, MultiplierRange> Chains => new()
    {
        { 1, MultiplierRange.Typical },
        { 2, MultiplierRange.Tiny },
        { 3, MultiplierRange.Huge },
    };

    [RequiresFirmwareTheory]
    [MemberData(nameof(Chains))]
    public void Mve_kernels_match_the_reference_on_seeded_shapes(int seed, MultiplierRange multipliers)
    {
        var result = Run($"mve-chain-{seed}", Chain(seed, multipliers), seed);
        var kernels = result.Kernels;
        Assert.Contains("tg_convolve_s8_mve", kernels);
        Assert.Contains("tg_convolve_1x1_s8_mve", kernels);
        Assert.Contains("tg_depthwise_conv_s8_mve", kernels);
        Assert.Contains("tg_fully_connected_s8_mve", kernels);
        Assert.DoesNotContain(kernels, k => k.EndsWith("_fast", StringComparison.Ordinal));
        Assert.Subset(result.Instructions, MveMnemonics.ToHashSet());
    }

    [RequiresFirmwareFact]
    public void Fully_connected_over_three_rows_and_a_depthwise_with_multiplier_2_match_the_reference()
    {
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8 });
        var x = c.Input([1, 3, 7, 6], 71);
        // Multiplier 2 is outside the MVE depthwise contract: it falls back, and the result must still match.
        x = c.Conv(x, ConvSpec.Depthwise([1, 3, 7, 6], multiplier: 2) with { Pads = Padding2D.Symmetric(1, 1), Seed = 72 });
        x = c.Reshape(x, [3, 84]);
        c.Output(c.FullyConnected(x, new FullyConnectedSpec(84, 21) { Batch = 3, PerChannel = true, Seed = 73 }));
        var result = Run("mve-fc-rows", c.Build(), 7);
        Assert.Contains("tg_fully_connected_s8_mve", result.Kernels);
        Assert.Contains("tg_depthwise_conv_s8", result.Kernels);
    }

    /// <summary>
    /// The in-place pointwise kernel with every legal layer run over its input: narrowing at stride 1
    /// and 2, then widening (the output placed below the input), odd channel counts and odd pixel
    /// counts (so the one-pixel tail runs too), and the three multiplier ranges.
    /// </summary>
    [RequiresFirmwareTheory]
    [MemberData(nameof(Chains))]
    public void In_place_pointwise_mve_kernel_matches_the_reference_on_seeded_shapes(int seed, MultiplierRange multipliers)
    {
        var random = new Random(7_100 + seed);
        T Pick<T>(params T[] items) => items[random.Next(items.Length)];
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        int h = 5 + 2 * random.Next(4), w = 3 + 2 * random.Next(4);
        var layerSeed = 200 * seed;
        var x = c.Input([1, 3, h, w], ++layerSeed);
        x = c.Conv(x, new ConvSpec([1, 3, h, w], Pick(37, 45, 64)) { Kernel = (3, 3), Pads = Padding2D.SameUpper, Activation = ConvActivation.Relu, Seed = ++layerSeed });
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(19, 33, 36)) { Kernel = (1, 1), Seed = ++layerSeed });
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(17, 18)) { Kernel = (1, 1), Stride = (2, 2), Activation = ConvActivation.Relu6, Seed = ++layerSeed });
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(5, 7, 9)) { Kernel = (1, 1), Bias = false, Seed = ++layerSeed });
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(21, 30)) { Kernel = (1, 1), PerChannel = false, Seed = ++layerSeed });
        c.Output(x);

        var result = Run($"mve-inplace-{seed}", c.Build(), seed, InPlacePolicy.Everywhere);

        Assert.Equal(4, result.Calls.Count(k => k == "tg_convolve_1x1_inplace_s8_mve"));
        Assert.DoesNotContain("tg_convolve_1x1_inplace_s8", result.Kernels);
        Assert.Subset(result.Instructions, new HashSet<string> { "vmlava", "vctp" });
    }

    /// <summary>
    /// The in-place depthwise kernel on every depthwise layer: 3x3 at stride 1 with padding, 5x5
    /// dilated 2, 3x3 at stride 2 with asymmetric padding, without bias and per-tensor; odd widths
    /// (so the vector's last pixels are predicated) and odd channel counts, all three multiplier ranges.
    /// </summary>
    [RequiresFirmwareTheory]
    [MemberData(nameof(Chains))]
    public void In_place_depthwise_mve_kernel_matches_the_reference_on_seeded_shapes(int seed, MultiplierRange multipliers)
    {
        var random = new Random(7_200 + seed);
        T Pick<T>(params T[] items) => items[random.Next(items.Length)];
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        int h = 9 + 2 * random.Next(4), w = 5 + 2 * random.Next(4);
        var layerSeed = 300 * seed;
        var x = c.Input([1, 2, h, w], ++layerSeed);
        x = c.Conv(x, new ConvSpec([1, 2, h, w], Pick(13, 19, 33)) { Kernel = (3, 3), Pads = Padding2D.SameUpper, Activation = ConvActivation.Relu, Seed = ++layerSeed });
        x = c.Conv(x, ConvSpec.Depthwise([.. x.Shape]) with { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu6, Seed = ++layerSeed });
        x = c.Conv(x, ConvSpec.Depthwise([.. x.Shape]) with { Kernel = (5, 5), Dilation = (2, 2), Pads = Padding2D.Symmetric(4, 4), Bias = false, Seed = ++layerSeed });
        x = c.Conv(x, ConvSpec.Depthwise([.. x.Shape]) with { Stride = (2, 2), Pads = Padding2D.Explicit(1, 0, 0, 1), PerChannel = false, Seed = ++layerSeed });
        c.Output(x);

        var result = Run($"mve-dw-inplace-{seed}", c.Build(), seed, InPlacePolicy.Everywhere);

        Assert.Equal(3, result.Calls.Count(k => k == "tg_depthwise_conv_inplace_s8_mve"));
        Assert.Subset(result.Instructions, new HashSet<string> { "vmla", "vctp" });
    }

    private sealed record Outcome(HashSet<string> Kernels, List<string> Calls, HashSet<string> Instructions);

    private Outcome Run(string name, GeneratedModel model, int seed, InPlacePolicy inPlace = InPlacePolicy.Never)
    {
        var work = Path.Combine(Path.GetTempPath(), "tinygen-mve-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        try
        {
            var modelPath = Path.Combine(work, name + ".onnx");
            File.WriteAllBytes(modelPath, model.Onnx);
            var result = FirmwareCheck.VerifyFile(modelPath, KernelCases.M55, output, inputFile: null, seed, Path.Combine(work, "build"),
                PlannerOptions.Default with { OptionalInPlace = inPlace });
            foreach (var call in result.Compilation.Project.Calls.Where(c => c.Kernel.Length > 0))
                output.WriteLine($"{call.Op.Name}: {call.Kernel} ({call.Reason})");
            var elf = Directory.EnumerateFiles(work, "*.elf", SearchOption.AllDirectories).Single();
            var kernels = result.Compilation.Project.Calls.Select(c => c.Kernel).ToList();
            return new(kernels.ToHashSet(), kernels, MveInstructionsIn(elf));
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    /// <summary>
    /// conv KxK (1..5 input channels, im2col, sometimes dilated) → pointwise 1x1 (an output) → depthwise 3x3 s1 (pad 1)
    /// → depthwise 3x3 s2 (asymmetric pads; an output) → pointwise 1x1 s2 → flatten → fully connected.
    /// </summary>
    private static GeneratedModel Chain(int seed, MultiplierRange multipliers)
    {
        var random = new Random(7_000 + seed);
        T Pick<T>(params T[] items) => items[random.Next(items.Length)];
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        int h = 11 + random.Next(6), w = 9 + random.Next(6);
        var cin = Pick(1, 3, 5);
        var layerSeed = 100 * seed;
        var x = c.Input([1, cin, h, w], ++layerSeed);
        var kernel = Pick(3, 5);
        var dilation = random.Next(3) == 0 ? 2 : 1;
        x = c.Conv(x, new ConvSpec([1, cin, h, w], Pick(5, 7, 17, 20))
        {
            Kernel = (kernel, kernel), Stride = (Pick(1, 2), Pick(1, 2)), Dilation = (dilation, dilation),
            Pads = Pick(Padding2D.SameUpper, Padding2D.Explicit(1, 2, 0, 1), Padding2D.None), Activation = ConvActivation.Relu, Seed = ++layerSeed,
        });
        // 19, 33, 36, 45 channels: whole 16s, whole 4s and predicated rests in every kernel.
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(19, 33, 36, 45)) { Kernel = (1, 1), Seed = ++layerSeed });
        // Whole intermediate tensors are outputs too, so a wrong element cannot hide behind later layers.
        c.Output(x, "pointwise");
        x = c.Conv(x, ConvSpec.Depthwise([.. x.Shape]) with { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu6, Seed = ++layerSeed });
        x = c.Conv(x, ConvSpec.Depthwise([.. x.Shape]) with { Stride = (2, 2), Pads = Padding2D.Explicit(1, 0, 0, 1), PerChannel = false, Seed = ++layerSeed });
        c.Output(x, "depthwise");
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(6, 13)) { Kernel = (1, 1), Stride = (2, 2), Bias = false, Seed = ++layerSeed });
        x = c.Flatten(x);
        c.Output(c.FullyConnected(x, new FullyConnectedSpec(x.Shape[1], Pick(7, 10)) { Seed = ++layerSeed }));
        return c.Build();
    }

    /// <summary>Every vector mnemonic (VFP's and MVE's) in the ELF.</summary>
    private static HashSet<string> MveInstructionsIn(string elf)
    {
        var objdump = ExecutableSearch.FindOnPath("arm-none-eabi-objdump")
            ?? throw new InvalidOperationException("arm-none-eabi-objdump is not on PATH beside arm-none-eabi-gcc");
        // objdump shows MVE instructions only when told the architecture.
        var run = ProcessRunner.Run(objdump, ["-d", "--no-show-raw-insn", "-m", "armv8.1-m.main", elf], TimeSpan.FromSeconds(60));
        Assert.Equal(0, run.ExitCode);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in run.StandardOutput.Split('\n'))
        {
            // "  1a4:\tvmladava.s8\tr0, q1, q2": the mnemonic is the second tab-separated field
            var fields = line.Split('\t');
            if (fields.Length < 2) continue;
            var mnemonic = fields[1].Trim().Split('.')[0];
            if (mnemonic.StartsWith('v')) found.Add(mnemonic);
        }
        return found;
    }
}
