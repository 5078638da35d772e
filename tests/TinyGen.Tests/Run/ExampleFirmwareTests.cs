using TinyGen.Tests.Support;
using TinyGen.Ir;
using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>
/// Builds the firmware engineer's hand-written example model (firmware/harness/example/model.c) with the
/// product's kernels and harness through <see cref="FirmwareBuilder"/> and runs it through <see cref="QemuRunner"/>.
/// The expected values come from firmware/harness/example/expected.txt, which reference.c (an independent
/// host recomputation: exact integer conv/FC, softmax in double within 1 LSB, exact dequantize) confirms.
/// </summary>
public class ExampleFirmwareTests
{
    private static readonly sbyte[] Logits = [20, 25, 15, 30];
    private static readonly sbyte[] Probabilities = [-96, -61, -113, 14];
    // Dequantized softmax: (q + 128) / 256, exact in float32 (3e000000 3e860000 3d700000 3f0e0000).
    private static readonly float[] DequantizedProbabilities = [32f / 256, 67f / 256, 15f / 256, 142f / 256];

    [RequiresFirmwareTheory]
    [InlineData("mps2-an385")]
    [InlineData("mps2-an386")]
    public void Example_model_prints_the_hand_verified_outputs(string board)
    {
        var target = RunTestSupport.Target(board);
        var toolchain = Toolchain.Locate();
        var project = RunTestSupport.ExampleProject();
        var build = new FirmwareBuilder(toolchain, RunTestSupport.Firmware).Build(project, target, Path.Combine(project, "out"));

        var result = new QemuRunner(toolchain).RunHarness(build.ElfPath, target);

        Assert.Equal(3, result.Outputs.Count);
        Assert.Equal(ElementType.Int8, result.Outputs[0].Type);
        Assert.Equal(Logits, result.Outputs[0].Values.ToInt8());
        Assert.Equal(Probabilities, result.Outputs[1].Values.ToInt8());
        Assert.Equal(ElementType.Float32, result.Outputs[2].Type);
        Assert.Equal(DequantizedProbabilities, result.Outputs[2].Values.ToFloats());
        Assert.Equal(0, result.Status);
        // The same bounds build-and-run.sh accepts: a real count, a stack use inside the reserved stack.
        Assert.InRange(result.Instructions, 1000, 10_000_000);
        Assert.InRange(result.StackBytes, 1, (long)target.StackBytes - 1);

        Assert.True(File.Exists(build.ElfPath));
        Assert.True(build.Size.TextBytes > 1000, $"text {build.Size.TextBytes}");
        Assert.Equal(build.Size.TextBytes + build.Size.DataBytes, build.Size.FlashBytes);
        // The linker script reserves the stack in RAM, so static RAM covers at least the stack.
        Assert.True(build.Size.StaticRamBytes >= (long)target.StackBytes, $"static RAM {build.Size.StaticRamBytes}");
        // -fstack-usage saw the example's invoke; a single frame cannot exceed what the harness measured for the whole run.
        Assert.InRange(build.LargestFrame.FrameBytes, 1, result.StackBytes);
    }

    [RequiresFirmwareFact]
    public void An_m4_image_faults_on_the_m3_board()
    {
        // QEMU enforces each core's instruction set, so hard-float code on the Cortex-M3 must crash, not pass.
        var toolchain = Toolchain.Locate();
        var project = RunTestSupport.ExampleProject();
        var m4 = RunTestSupport.Target("mps2-an386");
        var build = new FirmwareBuilder(toolchain, RunTestSupport.Firmware).Build(project, m4, Path.Combine(project, "out"));
        var m3 = RunTestSupport.Target("mps2-an385");

        var e = Assert.Throws<TinyGen.Diagnostics.TinyGenException>(() => new QemuRunner(toolchain).RunHarness(build.ElfPath, m3));

        Assert.Equal(TinyGen.Diagnostics.ExitCodes.FirmwareError, e.ExitCode);
        Assert.Contains("Fault", e.Message);
    }
}
