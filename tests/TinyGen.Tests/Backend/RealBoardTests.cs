using System.Globalization;
using System.Text.RegularExpressions;
using TinyGen.Boards;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.Backend;

/// <summary>
/// The descriptors of real boards (named by their PlatformIO board ids) carry the parts' datasheet
/// figures, typed in here from the vendors' documents, not read back from the YAML; models over a
/// real board's budget fail at compile time; every board's firmware builds with -Werror.
/// </summary>
public sealed class RealBoardTests(ITestOutputHelper output)
{
    private const ulong K = 1024;

    /// <summary>name, core, SRAM budget, flash budget, clock, QEMU machine (or null).</summary>
    public static TheoryData<string, string, ulong, ulong, ulong, string?> Datasheets => new()
    {
        { "disco_f746ng", "cortex-m7", 320 * K, 1024 * K, 216_000_000, null },
        { "nucleo_l4r5zi", "cortex-m4", 640 * K, 2048 * K, 120_000_000, null },
        // 1.4 MB in all, but the arena is one block: the 1 MB AXI SRAM is the largest contiguous region.
        { "nucleo_h7a3zi_q", "cortex-m7", 1024 * K, 2048 * K, 280_000_000, null },
        { "nano33ble", "cortex-m4", 256 * K, 1024 * K, 64_000_000, null },
        { "pico", "cortex-m0plus", 264 * K, 2048 * K, 133_000_000, null },
        // 192 KB on the part, of which 64 KB is CCM outside the SRAM block: 128 KB for arena, data and stack.
        { "netduinoplus2", "cortex-m4", 128 * K, 1024 * K, 168_000_000, "netduinoplus2" },
    };

    [Theory]
    [MemberData(nameof(Datasheets))]
    public void A_real_board_carries_its_parts_budget_clock_core_and_emulator(string name, string core, ulong sram, ulong flash, ulong hz, string? qemu)
    {
        var board = BoardCatalog.Load(BackendTestGraphs.Boards).Get(name);

        Assert.Equal(core, board.Core);
        Assert.Equal(new BoardBudget(flash, sram), board.Budget);
        Assert.Equal(hz, board.CpuHz);
        Assert.Equal(qemu, board.Qemu?.Machine);
        Assert.Equal(name == "netduinoplus2" ? "netduino2plus" : name, board.PlatformIo?.Board);
        // The linker script's RAM must be the budget, so a linked image can never promise more than the part has.
        Assert.True(board.Memory.RamSize >= board.Budget.Sram && board.Memory.FlashSize >= board.Budget.Flash);
        Assert.Contains($"LENGTH = {sram / K}K", File.ReadAllText(board.LinkerScriptPath));
    }

    [Fact]
    public void The_m0plus_board_has_neither_dsp_nor_fpu()
    {
        var pico = BoardCatalog.Load(BackendTestGraphs.Boards).Get("pico");
        Assert.False(pico.Dsp || pico.Fpu || pico.Mve);
        Assert.Contains("-mcpu=cortex-m0plus", pico.CFlags);
    }

    [Fact]
    public void A_model_over_a_real_boards_sram_fails_there_with_the_numbers_and_fits_a_larger_one()
    {
        // Two 64 KiB int8 inputs and a 64 KiB sum: at least 128 KiB of arena, plus the stack, is more
        // than the Netduino's 128 KiB of SRAM but well inside the F746's 320 KiB.
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "wide_add.onnx");
        File.WriteAllBytes(path, QuantizedOpModels.Binary(BinarySpec.SameShape(BinaryOp.Add, [1, 64 * 1024])).Onnx);

        var error = Assert.Throws<TinyGenException>(() => Compiler.Compile(path, new CompileOptions { Board = "netduinoplus2" }));
        Assert.Equal(ExitCodes.UserError, error.ExitCode);
        var match = Regex.Match(error.Message, @"needs ([\d,]+) bytes of SRAM \(arena ([\d,]+) \+ stack ([\d,]+)\) but board netduinoplus2 has ([\d,]+)");
        Assert.True(match.Success, error.Message);
        long Number(int group) => long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(128 * 1024, Number(4));
        Assert.True(Number(2) >= 2 * 64 * 1024, $"arena {Number(2)} cannot hold an input and the sum");

        var fits = Compiler.Compile(path, new CompileOptions { Board = "disco_f746ng" });
        Assert.True(fits.SramBytes <= 320 * 1024);
    }

    public static TheoryData<string> BoardsWithoutQemu => new(
        BoardCatalog.Load(Path.Combine(TestPaths.RepoRoot, "boards")).List().Where(b => !b.RunsInQemu).Select(b => b.Name));

    /// <summary>
    /// Every kernel, the harness and the DS-CNN example compile with -Wall -Wextra -Werror for the board's
    /// core and link into its real memory (the builder compiles all of firmware/kernels, not only the
    /// model's). On the M0+ this is the proof that nothing needs DSP, FPU or Thumb-2 instructions.
    /// </summary>
    [RequiresArmToolchainTheory]
    [MemberData(nameof(BoardsWithoutQemu))]
    public void Firmware_for_a_board_without_an_emulator_builds_warning_free_and_fits(string name)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "ds_cnn.onnx");
        File.WriteAllBytes(path, ExampleModels.DsCnn(1));
        var compilation = Compiler.Compile(path, new CompileOptions { Board = name, IncludeHarness = true });
        var input = new TinyGen.Emit.EmittedFile(TinyGen.Emit.CEmitter.TestInputFileName, TinyGen.Emit.CEmitter.RenderTestInput(new byte[16]));

        var build = new FirmwareBuilder(Toolchain.Locate(), FirmwareTree.Product())
            .Build(compilation.Project.Files.Add(input), FirmwareTarget.FromBoard(compilation.Board), Path.Combine(folder.Path, "work"));

        output.WriteLine($"{name}: text {build.Size.TextBytes} B, data {build.Size.DataBytes} B, bss {build.Size.BssBytes} B");
        Assert.True(File.Exists(build.ElfPath));
        Assert.True((ulong)(build.Size.TextBytes + build.Size.DataBytes) <= compilation.Board.Budget.Flash);
        if (name == "pico")
        {
            // readelf's build attributes name the architecture the objects were compiled for: v6S-M is the M0/M0+.
            var attributes = ProcessRunner.Run("arm-none-eabi-readelf", ["-A", build.ElfPath], TimeSpan.FromSeconds(30));
            Assert.Contains("Tag_CPU_arch: v6S-M", attributes.StandardOutput);
        }
    }

    /// <summary>The STM32F405 board QEMU emulates: its USART driver, clock and semihosting exit work, and the DS-CNN is bit-exact there.</summary>
    [RequiresFirmwareFact]
    public void Ds_cnn_on_the_netduino_in_qemu_equals_the_reference()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "ds_cnn.onnx");
        File.WriteAllBytes(path, ExampleModels.DsCnn(3));

        var result = ModelVerification.Run(path, new CompileOptions { Board = "netduinoplus2" }, inputFile: null, Path.Combine(folder.Path, "work"), seed: 5);

        output.WriteLine($"netduinoplus2: {result.Instructions:N0} instructions, stack {result.StackBytes} B");
        Assert.True(result.Match, "firmware outputs differ from the reference interpreter");
        Assert.True(result.Instructions > 100_000);
    }

    [RequiresFirmwareFact]
    public void Running_on_a_board_qemu_does_not_model_is_a_user_error_before_any_build()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "tiny.onnx");
        File.WriteAllBytes(path, ExampleModels.TinyCnn(1));

        var error = Assert.Throws<TinyGenException>(() => ModelVerification.Run(path, new CompileOptions { Board = "pico" }, workFolder: Path.Combine(folder.Path, "work")));
        Assert.Equal(ExitCodes.UserError, error.ExitCode);
        Assert.Contains("pico cannot run in QEMU", error.Message);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "work")), "nothing is built for a board QEMU cannot run");
    }
}
