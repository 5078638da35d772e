using TinyGen.Tests.Support;
using TinyGen.Diagnostics;
using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>Every way a firmware build or run can go wrong ends in a TinyGenException with the right exit code and a useful message.</summary>
public class FirmwareFailureTests
{
    private const string Board = "mps2-an385";

    [RequiresFirmwareFact]
    public void A_tiny_project_runs_and_reports_its_output()
    {
        var result = BuildAndRun("out[0] = 1; out[1] = -2; out[2] = 127; return 0;");
        Assert.Equal(new sbyte[] { 1, -2, 127 }, Assert.Single(result.Outputs).Values.ToInt8());
        Assert.Equal(0, result.Status);
    }

    [RequiresFirmwareFact]
    public void Compiler_errors_are_tool_errors_quoting_gcc()
    {
        var e = Assert.Throws<TinyGenException>(() => BuildAndRun("int unused_thing; return 0;"));
        Assert.Equal(ExitCodes.ToolError, e.ExitCode);
        Assert.Contains("tiny_glue.c", e.Message);
        Assert.Contains("unused_thing", e.Message); // -Wall -Werror: the unused variable is an error
    }

    [RequiresFirmwareFact]
    public void A_crash_is_a_firmware_error_naming_the_fault()
    {
        // UDF raises a UsageFault, escalated to HardFault because the UsageFault handler is not enabled.
        var e = Assert.Throws<TinyGenException>(() => BuildAndRun("__builtin_trap();"));
        Assert.Equal(ExitCodes.FirmwareError, e.ExitCode);
        Assert.Contains("HardFault, exit status 131", e.Message);
    }

    [RequiresFirmwareFact]
    public void A_hang_ends_at_the_time_limit()
    {
        var e = Assert.Throws<TinyGenException>(() =>
            BuildAndRun("volatile int spin = 1; while (spin) { } return 0;", TimeSpan.FromSeconds(2)));
        Assert.Equal(ExitCodes.FirmwareError, e.ExitCode);
        Assert.Contains("firmware did not finish within 2 s", e.Message);
    }

    [RequiresFirmwareFact]
    public void A_failed_invoke_is_a_firmware_error_with_its_status()
    {
        var e = Assert.Throws<TinyGenException>(() => BuildAndRun("return -1;"));
        Assert.Equal(ExitCodes.FirmwareError, e.ExitCode);
        Assert.Contains("invoke returned -1", e.Message);
    }

    [RequiresFirmwareFact]
    public void The_raw_run_keeps_the_failed_status_for_callers_that_want_it()
    {
        var toolchain = Toolchain.Locate();
        var target = RunTestSupport.Target(Board);
        var project = RunTestSupport.TinyProject("out[0] = 5; return 7;");
        var build = new FirmwareBuilder(toolchain, RunTestSupport.Firmware).Build(project, target, Path.Combine(project, "out"));

        var run = new QemuRunner(toolchain).Run(build.ElfPath, target);
        var result = HarnessOutputParser.Parse(run.Output);

        Assert.Equal(1, run.ExitCode); // harness.c: main returns 1 when invoke fails
        Assert.Equal(7, result.Status);
    }

    private static FirmwareResult BuildAndRun(string invokeBody, TimeSpan? timeout = null)
    {
        var toolchain = Toolchain.Locate();
        var target = RunTestSupport.Target(Board);
        var project = RunTestSupport.TinyProject(invokeBody);
        var build = new FirmwareBuilder(toolchain, RunTestSupport.Firmware).Build(project, target, Path.Combine(project, "out"));
        return new QemuRunner(toolchain).RunHarness(build.ElfPath, target, timeout);
    }
}
