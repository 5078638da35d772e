using TinyGen.Diagnostics;

namespace TinyGen.Fuzzing;

/// <summary>
/// Runs one model file through the whole compile path (<see cref="Compiler.Compile"/>: import, lowering,
/// planning, emission; no gcc) on a thread of its own, so that a hang is seen after the time limit and the
/// bytes the compile allocates can be counted (<see cref="GC.GetAllocatedBytesForCurrentThread"/>).
/// </summary>
public sealed class CompileTarget(string workFolder, TimeSpan timeLimit, string board = "mps2-an386")
{
    public TimeSpan TimeLimit => timeLimit;

    /// <param name="allocationBudget">Bytes the compile may allocate before it counts as <see cref="FuzzVerdict.OverAllocated"/>.</param>
    public FuzzOutcome Run(byte[] model, string extension, long allocationBudget = long.MaxValue)
    {
        Directory.CreateDirectory(workFolder);
        var path = Path.Combine(workFolder, "case" + extension);
        File.WriteAllBytes(path, model);

        FuzzOutcome? outcome = null;
        var started = DateTime.UtcNow;
        var thread = new Thread(() => outcome = Compile(path, started)) { IsBackground = true, Name = "fuzz case" };
        thread.Start();
        if (!thread.Join(timeLimit))
            return new FuzzOutcome(FuzzVerdict.Hung, $"no result after {timeLimit.TotalSeconds:0.#} s", DateTime.UtcNow - started, 0);
        var result = outcome!;
        return result.AllocatedBytes > allocationBudget && !result.IsFailure
            ? result with { Verdict = FuzzVerdict.OverAllocated, Detail = $"allocated {result.AllocatedBytes:N0} bytes, budget {allocationBudget:N0} ({result.Verdict}: {result.Detail})" }
            : result;
    }

    private FuzzOutcome Compile(string path, DateTime started)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        FuzzOutcome Done(FuzzVerdict verdict, string detail) =>
            new(verdict, detail, DateTime.UtcNow - started, GC.GetAllocatedBytesForCurrentThread() - before);
        try
        {
            Compiler.Compile(path, new CompileOptions { Board = board, ModelName = "fuzz" });
            return Done(FuzzVerdict.Compiled, "");
        }
        catch (TinyGenException e) when (IsProperRejection(e))
        {
            return Done(FuzzVerdict.Rejected, e.Message);
        }
        catch (TinyGenException e)
        {
            return Done(FuzzVerdict.InternalError, $"exit code {e.ExitCode}: {e.Message}\n{e.InnerException?.ToString() ?? e.StackTrace}");
        }
        catch (Exception e)
        {
            return Done(FuzzVerdict.Crashed, e.ToString());
        }
    }

    /// <summary>A user error with a message; "internal" messages are TinyGen owning up to a bug of its own.</summary>
    private static bool IsProperRejection(TinyGenException e) =>
        e.ExitCode == ExitCodes.UserError && !string.IsNullOrWhiteSpace(e.Message) &&
        !e.Message.StartsWith("internal", StringComparison.Ordinal) && !e.Message.Contains("internal error", StringComparison.Ordinal);
}
