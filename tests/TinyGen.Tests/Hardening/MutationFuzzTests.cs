using TinyGen.Fuzzing;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.Hardening;

/// <summary>
/// A bounded slice of the mutation fuzzer (bench/fuzz runs it for as long as wanted): every mutated model
/// goes through the whole compile path and must compile or be refused with a TinyGenException for the
/// user — no other exception, no "internal" error, no case over its time limit, no allocation far beyond
/// what the unmutated seed needs. The master seeds are fixed, so a failure here reproduces exactly.
/// </summary>
public sealed class MutationFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int SyntheticCases = 1_500;
    private const int RealModelCases = 300;
    private static readonly TimeSpan CaseTimeLimit = TimeSpan.FromSeconds(30);

    private readonly string work = Path.Combine(Path.GetTempPath(), "tinygen-fuzz-test-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try { Directory.Delete(work, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    [Fact]
    public void Mutated_synthetic_models_compile_or_are_refused_with_a_message()
    {
        var seeds = ModelFormats.Seeds(modelsDir: null);
        RunAndAssertNoFailure(seeds, masterSeed: 20_261_122, SyntheticCases);
    }

    [RequiresModelsFact]
    public void Mutated_real_models_compile_or_are_refused_with_a_message()
    {
        var seeds = ModelFormats.All.SelectMany(f => f.Seeds(TestPaths.ModelsDir)).Where(s => !ModelFormats.Seeds(null).Any(x => x.Name == s.Name)).ToList();
        Assert.NotEmpty(seeds);
        RunAndAssertNoFailure(seeds, masterSeed: 7_001, RealModelCases);
    }

    private void RunAndAssertNoFailure(IReadOnlyList<FuzzSeed> seeds, int masterSeed, int cases)
    {
        var reproducers = Path.Combine(work, "failures");
        var session = new FuzzSession(new Fuzzer(seeds, masterSeed), new CompileTarget(Path.Combine(work, "case"), CaseTimeLimit), reproducers);
        var report = session.Run(0, cases);
        output.WriteLine($"{seeds.Count} seeds, master seed {masterSeed}: {report}");
        Assert.Equal(cases, report.Cases);
        Assert.True(report.Failures.Count == 0,
            $"{report.Failures.Count} of {report.Cases} cases failed (bench/fuzz/run.sh --seed {masterSeed} --first <case> reruns one):\n" +
            string.Join("\n", report.Failures.Take(5)));
        // Both outcomes occur: the mutations neither all miss nor all wreck the models.
        Assert.InRange(report.Compiled, 1, cases - 1);
    }
}
