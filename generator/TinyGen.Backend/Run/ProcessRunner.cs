using System.ComponentModel;
using System.Diagnostics;
using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>
/// Runs one external tool with an argument list (never a shell string, so paths with spaces are safe),
/// captures both streams completely and kills the whole process tree when it overruns its time limit.
/// </summary>
public static class ProcessRunner
{
    public static ProcessOutcome Run(
        string executable,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // QEMU's -serial stdio reads stdin; give it an empty pipe so it never touches the test runner's terminal.
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new TinyGenException($"cannot start '{executable}': {e.Message}", ExitCodes.ToolError, e);
        }
        process.StandardInput.Close();
        // Read both streams concurrently: reading one to the end first can deadlock on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        var timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* exited between the wait and the kill */ }
        }
        process.WaitForExit();
        // After a kill, a grandchild could in theory still hold the pipes; never wait forever for them.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        return new ProcessOutcome(
            timedOut ? -1 : process.ExitCode,
            stdout.IsCompletedSuccessfully ? stdout.Result : "",
            stderr.IsCompletedSuccessfully ? stderr.Result : "",
            timedOut,
            clock.Elapsed);
    }
}
