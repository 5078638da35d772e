namespace TinyGen.Fuzzing;

/// <summary>A case that ended badly, and the file that reproduces it (null when no folder was given).</summary>
public sealed record FuzzFailure(FuzzCase Case, FuzzOutcome Outcome, string? ReproducerPath)
{
    public override string ToString() =>
        $"{Case.Describe} -> {Outcome.Verdict} after {Outcome.Elapsed.TotalMilliseconds:0} ms" +
        (ReproducerPath is null ? "" : $"\n  reproducer: {ReproducerPath}") +
        $"\n  {Outcome.Detail.Replace("\n", "\n  ", StringComparison.Ordinal)}";
}
