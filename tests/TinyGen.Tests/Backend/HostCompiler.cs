using System.Diagnostics;

namespace TinyGen.Tests.Backend;

/// <summary>Runs the host C compiler (and built programs) for the emitter tests.</summary>
internal static class HostCompiler
{
    public const string StrictFlags = "-std=c99 -Wall -Wextra -Werror";

    public static bool Available => Find("gcc") is not null;

    public static (int ExitCode, string Output) Run(string program, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} did not finish");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Compiles one C file strictly; returns the compiler's output when it fails.</summary>
    public static void MustCompile(string directory, string file, string extraFlags = "")
    {
        // a header is compiled as a C file of its own (gcc would otherwise try to precompile it)
        var language = file.EndsWith(".h", StringComparison.Ordinal) ? "-x c " : "";
        var (code, output) = Run("gcc", $"{StrictFlags} {extraFlags} -c {language}{file} -o /dev/null", directory);
        Assert.True(code == 0, $"gcc rejected {file}:\n{output}");
    }

    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fresh temporary folder, removed again on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tinygen-backend-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
