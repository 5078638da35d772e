using TinyGen.Boards;
using TinyGen.Emit;
using TinyGen.Export;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.Export;

/// <summary>
/// The CMake export configured and built for real (cmake + the generated arm-none-eabi toolchain
/// file, warnings as errors), and its example firmware run in QEMU: the outputs it prints must equal
/// the reference interpreter's for the same input.
/// </summary>
public sealed class CMakeExportTests(ITestOutputHelper output)
{
    private static ProcessOutcome CMake(string workingFolder, params string[] arguments) =>
        ProcessRunner.Run("cmake", arguments, TimeSpan.FromMinutes(3), workingFolder);

    /// <summary>CMake wraps its messages at 80 columns; compare them with runs of white space as one space.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static ProcessOutcome Configure(ExportFixture export, string build, params string[] extra) =>
        CMake(export.Folder, ["-S", ".", "-B", build, "-G", "Unix Makefiles", "-DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake", "-DCMAKE_C_FLAGS=-Werror", .. extra]);

    [RequiresCMakeFact(qemu: true)]
    public void The_cmake_export_builds_a_library_and_an_example_that_equals_the_reference_in_qemu()
    {
        using var export = new ExportFixture("netduinoplus2", ExportFormat.CMake, "ds-cnn");
        var build = Path.Combine(export.Scratch, "build");

        var configure = Configure(export, build);
        Assert.True(configure.ExitCode == 0, configure.CombinedOutput);
        BuildAndRunInQemu(export, build, "netduinoplus2");
    }

    /// <summary>
    /// --kernels cmsis-nn: the export adds the real CMSIS-NN through its own CMakeLists.txt (only the
    /// int8 families, compiled for the board's core) and the example, whose scratch is in the arena,
    /// still prints exactly the reference's outputs on the Cortex-M4F (CMSIS-NN's DSP code).
    /// </summary>
    [RequiresCMakeFact(qemu: true, cmsisNn: true)]
    public void The_cmake_export_builds_against_cmsis_nn_from_its_root_and_equals_the_reference_in_qemu()
    {
        using var export = new ExportFixture("netduinoplus2", ExportFormat.CMake, "ds-cnn", kernels: KernelLibrary.CmsisNn);
        var build = Path.Combine(export.Scratch, "build");
        var lists = export.Read("CMakeLists.txt");
        Assert.Contains("set(TINYGEN_KERNELS \"cmsis-nn\" CACHE STRING", lists);
        Assert.Contains("arm_convolve_wrapper_s8(", export.Read($"{export.Stem}.c"));

        var withoutRoot = Configure(export, Path.Combine(export.Scratch, "no-root"), "-DCMSIS_NN_ROOT=");
        Assert.NotEqual(0, withoutRoot.ExitCode);
        Assert.Contains("-DCMSIS_NN_ROOT=<a CMSIS-NN checkout>", Flat(withoutRoot.CombinedOutput));
        var ours = Configure(export, Path.Combine(export.Scratch, "ours"), "-DTINYGEN_KERNELS=tinygen", "-DCMSIS_NN_ROOT=");
        Assert.NotEqual(0, ours.ExitCode);
        Assert.Contains("--kernels tinygen", Flat(ours.CombinedOutput));

        var configure = Configure(export, build, $"-DCMSIS_NN_ROOT={CmsisNnLibrary.FromEnvironment()!.Root}");
        Assert.True(configure.ExitCode == 0, configure.CombinedOutput);
        BuildAndRunInQemu(export, build, "netduinoplus2");
        Assert.True(File.Exists(Path.Combine(build, "cmsis-nn", "libcmsis-nn.a")), "CMSIS-NN was not built from its own CMakeLists.txt");
    }

    private void BuildAndRunInQemu(ExportFixture export, string build, string boardName)
    {
        var make = CMake(export.Folder, "--build", build, "--", "-j2");
        Assert.True(make.ExitCode == 0, make.CombinedOutput);

        Assert.True(File.Exists(Path.Combine(build, $"lib{export.Stem}.a")), "the model library is missing");
        var elf = Path.Combine(build, $"{export.Stem}_example.elf");
        Assert.True(File.Exists(elf), "the example firmware is missing");
        var board = BoardCatalog.Load(Path.Combine(TestPaths.RepoRoot, "boards")).Get(boardName);
        var result = new QemuRunner(Toolchain.Locate()).RunHarness(elf, FirmwareTarget.FromBoard(board));
        Assert.Equal(0, result.Status);
        var outputs = result.Outputs.OrderBy(o => o.Index).Select(o => o.Values).ToList();
        Assert.Equal(export.Example.ExpectedOutputs.Count, outputs.Count);
        for (var i = 0; i < outputs.Count; i++)
            Assert.Equal(export.Example.ExpectedOutputs[i].Bytes.ToArray(), outputs[i].Bytes.ToArray());
        output.WriteLine($"{result.Instructions:N0} instructions in QEMU, arena {export.Result.Compilation.Project.Plan.TotalBytes:N0} B, outputs equal the reference");
    }

    [RequiresCMakeFact]
    public void The_kernel_option_states_the_generated_library_and_asks_for_a_regenerate_to_switch()
    {
        using var export = new ExportFixture("disco_f746ng", ExportFormat.CMake);

        // The C calls tg_ kernels by name: CMSIS-NN needs the model generated for it, and its root.
        var cmsis = Configure(export, Path.Combine(export.Scratch, "cmsis"), "-DTINYGEN_KERNELS=cmsis-nn");
        Assert.NotEqual(0, cmsis.ExitCode);
        Assert.Contains("--kernels cmsis-nn --format cmake", Flat(cmsis.CombinedOutput));
        Assert.Contains("-DCMSIS_NN_ROOT=", Flat(cmsis.CombinedOutput));

        var bogus = Configure(export, Path.Combine(export.Scratch, "bogus"), "-DTINYGEN_KERNELS=fast");
        Assert.NotEqual(0, bogus.ExitCode);
        Assert.Contains("TINYGEN_KERNELS must be tinygen or cmsis-nn", Flat(bogus.CombinedOutput));

        var lists = export.Read("CMakeLists.txt");
        Assert.Contains("option(TINYGEN_EXAMPLE", lists);
        Assert.Contains("set(TINYGEN_KERNELS \"tinygen\" CACHE STRING", lists);
        Assert.Contains("CMSIS_NN_ROOT", lists);
        Assert.Contains("set(CMAKE_C_COMPILER \"${tinygen_tool_prefix}gcc\")", export.Read("cmake", "arm-none-eabi.cmake"));
    }
}
