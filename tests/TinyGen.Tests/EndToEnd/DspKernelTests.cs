using TinyGen.Frontends.Onnx.Building;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// The specialized kernels (tg_nn_fast.h) against the reference interpreter on every core: one
/// firmware image per board runs a chain that reaches each of them with odd channel counts, borders,
/// strides 1 and 2, dilation and extreme per-channel shifts (the im2col conv with 3 input channels,
/// pointwise 1x1 at stride 1 and 2, depthwise 3x3 at stride 1 and 2, a dilated 3x3 conv, fully
/// connected). Shapes come from a per-board seed. The same ELF is disassembled: the Cortex-M3 build
/// must hold no DSP instruction (QEMU faults on them there), the DSP cores' builds must use them.
/// </summary>
public sealed class DspKernelTests(ITestOutputHelper output)
{
    private static readonly string[] DspMnemonics = ["smlad", "smlabb", "smlatt", "sxtb16", "sxtab16", "smuad", "pkhbt", "qadd"];

    // The Cortex-M55 runs the MVE kernels instead (MveKernelTests).
    public static TheoryData<string> Boards => new(KernelCases.M3, KernelCases.M4, "mps2-an500", "mps2-an505");

    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void Specialized_kernels_match_the_reference(string board)
    {
        var work = Path.Combine(Path.GetTempPath(), "tinygen-dsp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        try
        {
            var modelPath = Path.Combine(work, "chain.onnx");
            File.WriteAllBytes(modelPath, Chain(board).Onnx);
            var result = FirmwareCheck.VerifyFile(modelPath, board, output, inputFile: null, seed: board.Length * 7919, Path.Combine(work, "build"));
            foreach (var call in result.Compilation.Project.Calls.Where(c => c.Kernel.Length > 0))
                output.WriteLine($"{call.Op.Name}: {call.Kernel} ({call.Reason})");

            var kernels = result.Compilation.Project.Calls.Select(c => c.Kernel).ToHashSet();
            var dspInstructions = DspInstructionsIn(Directory.EnumerateFiles(work, "*.elf", SearchOption.AllDirectories).Single());
            if (board == KernelCases.M3)
            {
                Assert.DoesNotContain(kernels, k => k.EndsWith("_fast", StringComparison.Ordinal));
                Assert.Empty(dspInstructions);
            }
            else
            {
                Assert.Contains("tg_convolve_s8_wide", kernels);
                Assert.Contains("tg_convolve_s8_fast", kernels);
                Assert.Contains("tg_pointwise_conv_s8_fast", kernels);
                // 3x3 depthwise layers run the plane kernel in place, which the planner prefers; the regular
                // DSP depthwise has its own cases (KernelBitExactnessTests, with in-place kernels off).
                Assert.Contains("tg_depthwise_conv_inplace_s8_fast", kernels);
                Assert.Contains("smlad", dspInstructions);
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    /// <summary>
    /// conv 3x3 s2 (3 -> odd channels, byte window widened) → pointwise 1x1 → depthwise 3x3 s1 (pad 1)
    /// → depthwise 3x3 s2 (asymmetric pads) → conv 3x3 dilation 2 → padded 1x1 on 6 or 7 channels
    /// (int8 im2col GEMM) → pointwise 1x1 s2 → flatten → fully connected.
    /// </summary>
    private static GeneratedModel Chain(string board)
    {
        var random = new Random(board.Sum(ch => (int)ch));
        T Pick<T>(params T[] items) => items[random.Next(items.Length)];
        var multipliers = board switch { "mps2-an500" => MultiplierRange.Huge, "mps2-an505" => MultiplierRange.Tiny, _ => MultiplierRange.Typical };
        var c = new QuantizedModelComposer(new QuantOptions { Form = QuantForm.Qdq, Activations = ActivationDataType.Int8, Multipliers = multipliers });
        int h = 13 + random.Next(4), w = 11 + random.Next(5);
        var seed = 900;
        var x = c.Input([1, 3, h, w], ++seed);
        var c1 = Pick(5, 7, 9);
        x = c.Conv(x, new ConvSpec([1, 3, h, w], c1) { Stride = (2, 2), Pads = Padding2D.SameUpper, Activation = ConvActivation.Relu, Seed = ++seed });
        var c2 = Pick(9, 11, 13);
        x = c.Conv(x, new ConvSpec([.. x.Shape], c2) { Kernel = (1, 1), Seed = ++seed });
        x = c.Conv(x, ConvSpec.Depthwise([.. x.Shape]) with { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu6, Seed = ++seed });
        x = c.Conv(x, ConvSpec.Depthwise([.. x.Shape]) with { Stride = (2, 2), Pads = Padding2D.Explicit(1, 0, 0, 1), Seed = ++seed });
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(6, 7)) { Dilation = (2, 2), Pads = Padding2D.Symmetric(2, 2), PerChannel = false, Seed = ++seed });
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(5, 7)) { Kernel = (1, 1), Pads = Padding2D.Symmetric(1, 1), Seed = ++seed });
        x = c.Conv(x, new ConvSpec([.. x.Shape], Pick(5, 10)) { Kernel = (1, 1), Stride = (2, 2), Bias = false, Seed = ++seed });
        x = c.Flatten(x);
        c.Output(c.FullyConnected(x, new FullyConnectedSpec(x.Shape[1], Pick(7, 10)) { Seed = ++seed }));
        return c.Build();
    }

    private static HashSet<string> DspInstructionsIn(string elf)
    {
        var objdump = ExecutableSearch.FindOnPath("arm-none-eabi-objdump")
            ?? throw new InvalidOperationException("arm-none-eabi-objdump is not on PATH beside arm-none-eabi-gcc");
        var run = ProcessRunner.Run(objdump, ["-d", "--no-show-raw-insn", elf], TimeSpan.FromSeconds(60));
        Assert.Equal(0, run.ExitCode);
        var text = run.StandardOutput;
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            // "  1a4:\tsmlad\tr7, r5, sl, r7": the mnemonic is the second tab-separated field
            var fields = line.Split('\t');
            if (fields.Length < 2) continue;
            var mnemonic = fields[1].Trim().Split('.')[0];
            if (DspMnemonics.Contains(mnemonic)) found.Add(mnemonic);
        }
        return found;
    }
}
