namespace TinyGen.Run;

/// <summary>
/// The line protocol firmware/harness/harness.c (and the host harness) print. Kept in one place so the
/// parser and its tests agree on the spelling.
/// </summary>
public static class HarnessProtocol
{
    public const string Begin = "TG_BEGIN";
    public const string Output = "TG_OUTPUT";
    public const string Data = "TG_DATA";
    public const string Instructions = "TG_INSTRUCTIONS";
    public const string Stack = "TG_STACK";
    public const string Status = "TG_STATUS";
    public const string End = "TG_END";

    /// <summary>The harness wraps TG_DATA lines after this many values.</summary>
    public const int MaxValuesPerDataLine = 32;
}
