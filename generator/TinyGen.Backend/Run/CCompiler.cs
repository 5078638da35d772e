using System.Collections.Concurrent;
using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>
/// Compiles units with one gcc (cross or host) and one flag set, a few at a time, restoring cacheable
/// units from the <see cref="ObjectCache"/> when their sources and headers are unchanged.
/// </summary>
public sealed class CCompiler(string gcc, ObjectCache? cache)
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Identities = new();
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How many units were compiled and how many came from the cache (for logs and tests).</summary>
    public sealed record Summary(int Compiled, int Restored);

    public string Gcc => gcc;

    /// <summary>Version and target of the compiler, part of every cache key (a toolchain upgrade must miss).</summary>
    public string Identity => Identities.GetOrAdd(gcc, g => new Lazy<string>(() =>
    {
        var run = ProcessRunner.Run(g, ["-dumpfullversion", "-dumpmachine"], TimeSpan.FromSeconds(30));
        if (run.ExitCode != 0 || run.TimedOut) throw Failure($"'{g} -dumpfullversion' failed", run);
        return g + " " + run.StandardOutput.Replace('\n', ' ').Trim();
    })).Value;

    public Summary CompileAll(IReadOnlyList<CompileUnit> units, IReadOnlyList<string> flags, string what)
    {
        var failures = new ConcurrentDictionary<int, TinyGenException>();
        var restored = 0;
        Parallel.For(0, units.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
        {
            try
            {
                if (Compile(units[i], flags, what)) Interlocked.Increment(ref restored);
            }
            catch (TinyGenException e)
            {
                failures[i] = e;
            }
        });
        // Report the first failing unit in source order, so the message does not depend on thread timing.
        if (!failures.IsEmpty) throw failures[failures.Keys.Min()];
        return new Summary(units.Count - restored, restored);
    }

    /// <summary>Compiles one unit; true when it came from the cache.</summary>
    private bool Compile(CompileUnit unit, IReadOnlyList<string> flags, string what)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(unit.ObjectPath)!);
        string? key = null;
        if (unit.Cacheable && cache is not null)
        {
            key = ObjectCache.Key(Identity, flags, unit.Source);
            if (cache.TryRestore(key, unit)) return true;
        }

        var arguments = flags.Concat(["-MMD", "-MF", unit.DependencyPath, "-c", unit.Source, "-o", unit.ObjectPath]);
        var run = ProcessRunner.Run(gcc, arguments, CompileTimeout);
        if (run.TimedOut || run.ExitCode != 0)
            throw Failure($"{Path.GetFileName(gcc)} failed compiling {unit.Source} for {what}", run);

        if (key is not null) cache!.Store(key, unit, DependencyFile.Read(unit.DependencyPath));
        return false;
    }

    /// <summary>A ToolError quoting the first lines of the tool's output (the first error is what matters).</summary>
    public static TinyGenException Failure(string headline, ProcessOutcome run, int maxLines = 25)
    {
        if (run.TimedOut) return new TinyGenException($"{headline}: timed out after {run.Elapsed.TotalSeconds:0} s", ExitCodes.ToolError);
        var lines = run.CombinedOutput.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shown = string.Join('\n', lines.Take(maxLines));
        var more = lines.Length > maxLines ? $"\n... ({lines.Length - maxLines} more lines)" : "";
        return new TinyGenException($"{headline} (exit {run.ExitCode}):\n{shown}{more}", ExitCodes.ToolError);
    }
}
