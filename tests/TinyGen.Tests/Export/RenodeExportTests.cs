using System.Text.RegularExpressions;
using TinyGen.Boards;
using TinyGen.Export;
using TinyGen.Ir;
using TinyGen.Run;
using TinyGen.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace TinyGen.Tests.Export;

/// <summary>
/// The Renode files of a CMake export: a .resc that loads the example ELF on Renode's platform for the
/// board, a Robot suite that waits for the reference's outputs on the UART, and a CI workflow running
/// it. Renode cannot be installed here (see shared/notes/renode.md), so its run is skipped, saying so;
/// the files' structure is checked against facts looked up in Renode's repository, and the Robot
/// suite's expected lines against what the same firmware prints under QEMU.
/// </summary>
public sealed class RenodeExportTests
{
    /// <summary>
    /// Looked up in github.com/renode/renode: platforms/cpus/stm32f746.repl declares
    /// "usart1: UART.STM32F7_USART @ sysbus 0x40011000", platforms/cpus/stm32f4.repl
    /// "usart1: UART.STM32_UART @ sysbus &lt;0x40011000, +0x100&gt;".
    /// </summary>
    public static TheoryData<string, string, string, ulong> RenodePlatforms => new()
    {
        { "disco_f746ng", "platforms/cpus/stm32f746.repl", "sysbus.usart1", 0x40011000 },
        { "netduinoplus2", "platforms/cpus/stm32f4.repl", "sysbus.usart1", 0x40011000 },
    };

    [Theory]
    [MemberData(nameof(RenodePlatforms))]
    public void The_resc_loads_renodes_platform_for_the_board_and_the_elf_cmake_builds(string board, string platform, string uart, ulong uartAddress)
    {
        using var export = new ExportFixture(board, ExportFormat.CMake);

        var resc = export.Read("renode", export.Stem + ".resc");
        Assert.Contains($"machine LoadPlatformDescription @{platform}", resc);
        Assert.Contains($"$elf ?= @$ORIGIN/../build/{export.Stem}_example.elf", resc);
        Assert.Contains("sysbus LoadELF $elf", resc);
        Assert.Contains($"{uart} CreateFileBackend $uart_log true", resc);
        // The harness must print where Renode's model of the UART sits.
        Assert.Equal(uartAddress, export.Result.Compilation.Board.UartBase);
        Assert.Contains($"add_executable({export.Stem}_example", export.Read("CMakeLists.txt"));
    }

    [Fact]
    public void Boards_renode_does_not_model_get_no_renode_files()
    {
        using var export = new ExportFixture("nucleo_l4r5zi", ExportFormat.CMake);
        Assert.False(Directory.Exists(export.Path_("renode")));
        Assert.False(File.Exists(export.Path_(".github", "workflows", "renode.yml")));
    }

    [Fact]
    public void The_robot_suite_waits_for_exactly_the_reference_outputs_in_the_harness_protocol()
    {
        using var export = new ExportFixture("disco_f746ng", ExportFormat.CMake, "ds-cnn");
        var robot = export.Read("renode", export.Stem + ".robot");

        foreach (var section in new[] { "*** Settings ***", "*** Variables ***", "*** Test Cases ***" })
            Assert.Contains(section, robot);
        Assert.Contains("Resource          ${RENODEKEYWORDS}", robot);
        Assert.Contains($"include @${{CURDIR}}/{export.Stem}.resc", robot);
        Assert.Contains("Create Terminal Tester    ${UART}", robot);
        Assert.Equal(ExpectedLines(export.Example.ExpectedOutputs), WaitedLines(robot));
    }

    [Fact]
    public void The_workflow_builds_without_semihosting_and_runs_the_robot_suite_on_every_push()
    {
        using var export = new ExportFixture("netduinoplus2", ExportFormat.CMake);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(export.Read(".github", "workflows", "renode.yml")));
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;

        Assert.Contains(new YamlScalarNode("push"), ((YamlMappingNode)root["on"]).Children.Keys);
        var steps = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)root["jobs"])["renode"])["steps"]).Cast<YamlMappingNode>().ToList();
        var build = steps.Single(s => s.Children.ContainsKey("run") && s["run"].ToString().Contains("cmake --build", StringComparison.Ordinal));
        Assert.Contains("-DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake -DTINYGEN_SEMIHOSTING=OFF", build["run"].ToString());
        var renode = steps.Single(s => s.Children.ContainsKey("uses") && s["uses"].ToString().StartsWith("antmicro/renode-test-action@", StringComparison.Ordinal));
        Assert.Equal($"renode/{export.Stem}.robot", ((YamlMappingNode)renode["with"])["tests-to-run"].ToString());
        Assert.True(steps.IndexOf(build) < steps.IndexOf(renode), "the firmware must be built before Renode runs it");
    }

    /// <summary>The same firmware under QEMU (the Netduino has both models) prints every line the Robot suite waits for, in order.</summary>
    [RequiresCMakeFact(qemu: true)]
    public void The_lines_the_robot_suite_waits_for_are_what_the_firmware_prints()
    {
        using var export = new ExportFixture("netduinoplus2", ExportFormat.CMake);
        var build = Path.Combine(export.Scratch, "build");
        var configure = ProcessRunner.Run("cmake", ["-S", export.Folder, "-B", build, "-DCMAKE_TOOLCHAIN_FILE=" + export.Path_("cmake", "arm-none-eabi.cmake")], TimeSpan.FromMinutes(3));
        Assert.True(configure.ExitCode == 0, configure.CombinedOutput);
        var make = ProcessRunner.Run("cmake", ["--build", build], TimeSpan.FromMinutes(3));
        Assert.True(make.ExitCode == 0, make.CombinedOutput);

        var board = BoardCatalog.Load(Path.Combine(TestPaths.RepoRoot, "boards")).Get("netduinoplus2");
        var run = new QemuRunner(Toolchain.Locate()).Run(Path.Combine(build, $"{export.Stem}_example.elf"), FirmwareTarget.FromBoard(board));
        var printed = run.Output.Replace("\r", "", StringComparison.Ordinal).Split('\n').ToList();

        var position = 0;
        foreach (var line in WaitedLines(export.Read("renode", export.Stem + ".robot")))
        {
            var found = printed.IndexOf(line, position);
            Assert.True(found >= 0, $"the firmware never printed '{line}' (after line {position})");
            position = found + 1;
        }
    }

    [RequiresRenodeFact]
    public void The_resc_runs_headless_in_renode_and_the_uart_shows_the_reference_outputs()
    {
        using var export = new ExportFixture("disco_f746ng", ExportFormat.CMake);
        var build = export.Path_("build");
        Assert.Equal(0, ProcessRunner.Run("cmake", ["-S", export.Folder, "-B", build, "-DCMAKE_TOOLCHAIN_FILE=" + export.Path_("cmake", "arm-none-eabi.cmake"), "-DTINYGEN_SEMIHOSTING=OFF"], TimeSpan.FromMinutes(3)).ExitCode);
        Assert.Equal(0, ProcessRunner.Run("cmake", ["--build", build], TimeSpan.FromMinutes(3)).ExitCode);

        var resc = export.Path_("renode", export.Stem + ".resc");
        var run = ProcessRunner.Run("renode", ["--console", "--disable-xwt", "--plain", "-e", $"include @{resc}; emulation RunFor \"5\"; quit"], TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, run.CombinedOutput);
        var uart = File.ReadAllText(Path.Combine(build, $"{export.Stem}_uart.txt")).Replace("\r", "", StringComparison.Ordinal).Split('\n');
        foreach (var line in ExpectedLines(export.Example.ExpectedOutputs))
            Assert.Contains(line, uart);
    }

    /// <summary>The harness protocol for the expected outputs, written here from harness.c's description, not by the exporter.</summary>
    private static List<string> ExpectedLines(IReadOnlyList<TensorData> outputs)
    {
        var lines = new List<string> { "TG_BEGIN" };
        for (var i = 0; i < outputs.Count; i++)
        {
            var values = outputs[i].ToInt8();
            lines.Add($"TG_OUTPUT {i} int8 {values.Length}");
            lines.AddRange(values.Chunk(32).Select(chunk => $"TG_DATA {i} " + string.Join(" ", chunk)));
        }
        lines.Add("TG_STATUS 0");
        lines.Add("TG_END");
        return lines;
    }

    /// <summary>The lines the suite's "Wait For Line On Uart ^...$ treatAsRegex=true" steps match, Robot escapes undone.</summary>
    private static List<string> WaitedLines(string robot) =>
        Regex.Matches(robot, @"^\s+Wait For Line On Uart\s{2,}\^(.*)\$\s{2,}treatAsRegex=true\s*$", RegexOptions.Multiline)
            .Select(m => Regex.Replace(m.Groups[1].Value, @"\\(.)", "$1"))
            .ToList();
}
