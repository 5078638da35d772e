using System.Diagnostics;

namespace TinyGen.Fuzzing;

/// <summary>
/// Runs cases one after another through a <see cref="CompileTarget"/> and collects failures, writing each
/// failing model and what happened to it into <paramref name="reproducerFolder"/>. A case's allocation budget
/// is four times what its unmutated seed allocates plus 64 MiB: corrupting a file must not make TinyGen
/// allocate by a size the file merely claims.
/// </summary>
public sealed class FuzzSession(Fuzzer fuzzer, CompileTarget target, string? reproducerFolder)
{
    private const long BudgetSlack = 64L * 1024 * 1024;
    private const int BudgetFactor = 4;

    private readonly Dictionary<FuzzSeed, long> budgets = [];

    /// <summary>Runs cases from <paramref name="firstIndex"/> until <paramref name="count"/> ran or <paramref name="duration"/> passed.</summary>
    public FuzzReport Run(long firstIndex, long count, TimeSpan? duration = null, Action<FuzzFailure>? onFailure = null, Action<long>? onProgress = null)
    {
        var clock = Stopwatch.StartNew();
        long cases = 0, compiled = 0, rejected = 0;
        var slowest = TimeSpan.Zero;
        var failures = new List<FuzzFailure>();

        foreach (var seed in fuzzer.Seeds)
        {
            // The unmutated seeds first: they set the budgets, and a failing seed is a failure too.
            var outcome = target.Run(seed.Bytes, seed.Format.Extension);
            budgets[seed] = BudgetFactor * outcome.AllocatedBytes + BudgetSlack;
            if (outcome.IsFailure) Fail(new FuzzCase(-1, seed, [], seed.Bytes), outcome);
        }

        for (var index = firstIndex; cases < count && (duration is null || clock.Elapsed < duration); index++)
        {
            var fuzzCase = fuzzer.Case(index);
            var outcome = target.Run(fuzzCase.Bytes, fuzzCase.Seed.Format.Extension, budgets[fuzzCase.Seed]);
            cases++;
            if (outcome.Elapsed > slowest) slowest = outcome.Elapsed;
            switch (outcome.Verdict)
            {
                case FuzzVerdict.Compiled: compiled++; break;
                case FuzzVerdict.Rejected: rejected++; break;
                default: Fail(fuzzCase, outcome); break;
            }
            onProgress?.Invoke(cases);
            if (outcome.Verdict == FuzzVerdict.Hung) break; // its thread still runs; later timings would lie
        }
        return new FuzzReport(cases, compiled, rejected, failures, clock.Elapsed, slowest);

        void Fail(FuzzCase fuzzCase, FuzzOutcome outcome)
        {
            var failure = new FuzzFailure(fuzzCase, outcome, WriteReproducer(fuzzCase, outcome));
            failures.Add(failure);
            onFailure?.Invoke(failure);
        }
    }

    private string? WriteReproducer(FuzzCase fuzzCase, FuzzOutcome outcome)
    {
        if (reproducerFolder is null) return null;
        Directory.CreateDirectory(reproducerFolder);
        var stem = Path.Combine(reproducerFolder, $"seed{fuzzer.MasterSeed}-case{fuzzCase.Index}");
        var path = stem + fuzzCase.Seed.Format.Extension;
        File.WriteAllBytes(path, fuzzCase.Bytes);
        File.WriteAllText(stem + ".txt", $"{fuzzCase.Describe}\nmaster seed {fuzzer.MasterSeed}\n{outcome.Verdict}: {outcome.Detail}\n");
        return path;
    }
}
