using TinyGen.Diagnostics;
using TinyGen.Run;

namespace TinyGen.Tests.Run;

public class ProcessRunnerTests
{
    [PosixShellFact]
    public void Captures_both_streams_and_the_exit_code()
    {
        var shell = ExecutableSearch.FindOnPath("sh")!;
        var run = ProcessRunner.Run(shell, ["-c", "echo out; echo err >&2; exit 3"], TimeSpan.FromSeconds(30));
        Assert.False(run.TimedOut);
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("out\n", run.StandardOutput);
        Assert.Equal("err\n", run.StandardError);
    }

    [PosixShellFact]
    public void Kills_the_process_tree_at_the_time_limit()
    {
        var shell = ExecutableSearch.FindOnPath("sh")!;
        // The shell's child keeps the pipes open: unless the whole tree dies, reading would block for 30 s.
        var run = ProcessRunner.Run(shell, ["-c", "sleep 30; echo never"], TimeSpan.FromSeconds(1));
        Assert.True(run.TimedOut);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(15), $"took {run.Elapsed}");
        Assert.DoesNotContain("never", run.StandardOutput);
    }

    [Fact]
    public void A_program_that_cannot_start_is_a_tool_error()
    {
        var e = Assert.Throws<TinyGenException>(() => ProcessRunner.Run("/nonexistent/tinygen-no-such-tool", [], TimeSpan.FromSeconds(5)));
        Assert.Equal(ExitCodes.ToolError, e.ExitCode);
        Assert.Contains("tinygen-no-such-tool", e.Message);
    }
}
