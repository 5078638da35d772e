using TinyGen.Boards;
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

    private static ProcessOutcome Configure(ExportFixture export, string build, params string[] extra) =>
        CMake(export.Folder, ["-S", ".", "-B", build, "-G", "Unix Makefiles", "-DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake", "-DCMAKE_C_FLAGS=-Werror", .. extra]);

    [RequiresCMakeFact(qemu: true)]
    public void The_cmake_export_builds_a_library_and_an_example_that_equals_the_reference_in_qemu()
    {
        using var export = new ExportFixture("netduinoplus2", ExportFormat.CMake, "ds-cnn");
        var build = Path.Combine(export.Scratch, "build");

        var configure = Configure(export, build);
        Assert.True(configure.ExitCode == 0, configure.CombinedOutput);
        var make = CMake(export.Folder, "--build", build, "--", "-j2");
        Assert.True(make.ExitCode == 0, make.CombinedOutput);

        Assert.True(File.Exists(Path.Combine(build, $"lib{export.Stem}.a")), "the model library is missing");
        var elf = Path.Combine(build, $"{export.Stem}_example.elf");
        Assert.True(File.Exists(elf), "the example firmware is missing");
        var board = BoardCatalog.Load(Path.Combine(TestPaths.RepoRoot, "boards")).Get("netduinoplus2");
        var result = new QemuRunner(Toolchain.Locate()).RunHarness(elf, FirmwareTarget.FromBoard(board));
        Assert.Equal(0, result.Status);
        var outputs = result.Outputs.OrderBy(o => o.Index).Select(o => o.Values).ToList();
        Assert.Equal(export.Example.ExpectedOutputs.Count, outputs.Count);
        for (var i = 0; i < outputs.Count; i++)
            Assert.Equal(export.Example.ExpectedOutputs[i].Bytes.ToArray(), outputs[i].Bytes.ToArray());
        output.WriteLine($"{result.Instructions:N0} instructions in QEMU, output 0 equals the reference");
    }

    [RequiresCMakeFact]
    public void The_kernel_choice_is_an_option_and_cmsis_nn_demands_its_root()
    {
        using var export = new ExportFixture("disco_f746ng", ExportFormat.CMake);

        var cmsis = Configure(export, Path.Combine(export.Scratch, "cmsis"), "-DTINYGEN_KERNELS=cmsis-nn");
        Assert.NotEqual(0, cmsis.ExitCode);
        Assert.Contains("CMSIS_NN_ROOT", cmsis.CombinedOutput);

        var bogus = Configure(export, Path.Combine(export.Scratch, "bogus"), "-DTINYGEN_KERNELS=fast");
        Assert.NotEqual(0, bogus.ExitCode);
        Assert.Contains("TINYGEN_KERNELS must be tinygen or cmsis-nn", bogus.CombinedOutput);

        var lists = export.Read("CMakeLists.txt");
        Assert.Contains("option(TINYGEN_EXAMPLE", lists);
        Assert.Contains("set(TINYGEN_KERNELS \"tinygen\" CACHE STRING", lists);
        Assert.Contains("CMSIS_NN_ROOT", lists);
        Assert.Contains("set(CMAKE_C_COMPILER \"${tinygen_tool_prefix}gcc\")", export.Read("cmake", "arm-none-eabi.cmake"));
    }
}
