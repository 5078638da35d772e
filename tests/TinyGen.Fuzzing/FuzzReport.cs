namespace TinyGen.Fuzzing;

/// <summary>Totals of a fuzzing run.</summary>
public sealed record FuzzReport(long Cases, long Compiled, long Rejected, IReadOnlyList<FuzzFailure> Failures, TimeSpan Elapsed, TimeSpan Slowest)
{
    public double CasesPerSecond => Elapsed.TotalSeconds > 0 ? Cases / Elapsed.TotalSeconds : 0;

    public override string ToString() =>
        $"{Cases:N0} cases in {Elapsed.TotalSeconds:0.0} s ({CasesPerSecond:0.0} cases/s): {Compiled:N0} compiled, {Rejected:N0} rejected, " +
        $"{Failures.Count} failed; slowest case {Slowest.TotalMilliseconds:0} ms";
}
