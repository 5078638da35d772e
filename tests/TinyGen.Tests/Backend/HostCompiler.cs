using TinyGen.Run;

namespace TinyGen.Tests.Backend;

/// <summary>Runs the host C compiler (and built programs) for the emitter tests.</summary>
internal static class HostCompiler
{
    public const string StrictFlags = "-std=c99 -Wall -Wextra -Werror";

    public static bool Available => Find("gcc") is not null;

    /// <summary>Runs a program (arguments split on spaces: the tests' paths have none) with the product's process runner.</summary>
    public static (int ExitCode, string Output) Run(string program, string arguments, string workingDirectory)
    {
        var outcome = ProcessRunner.Run(program, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), TimeSpan.FromMinutes(2), workingDirectory);
        if (outcome.TimedOut) throw new TimeoutException($"{program} {arguments} did not finish");
        return (outcome.ExitCode, outcome.StandardOutput + outcome.StandardError);
    }

    /// <summary>Compiles one C file strictly; returns the compiler's output when it fails.</summary>
    public static void MustCompile(string directory, string file, string extraFlags = "")
    {
        // a header is compiled as a C file of its own (gcc would otherwise try to precompile it)
        var language = file.EndsWith(".h", StringComparison.Ordinal) ? "-x c " : "";
        var (code, output) = Run("gcc", $"{StrictFlags} {extraFlags} -c {language}{file} -o /dev/null", directory);
        Assert.True(code == 0, $"gcc rejected {file}:\n{output}");
    }

    public static string? Find(string program) => ExecutableSearch.FindOnPath(program);
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
