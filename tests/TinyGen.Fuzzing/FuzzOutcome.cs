namespace TinyGen.Fuzzing;

/// <summary>What running one case gave: the verdict, the message or exception behind it, the time and the bytes allocated.</summary>
public sealed record FuzzOutcome(FuzzVerdict Verdict, string Detail, TimeSpan Elapsed, long AllocatedBytes)
{
    public bool IsFailure => Verdict is not (FuzzVerdict.Compiled or FuzzVerdict.Rejected);
}
