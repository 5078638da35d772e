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

    /// <summary>
    /// "TG_LAYER &lt;index&gt; &lt;instructions&gt;", after the outputs, one per call of invoke in order
    /// (index = position in the project's Calls, i.e. the plan's step), only from builds with TG_LAYER_COUNTS.
    /// A patch stage still reports each of its steps: every tile adds to them.
    /// </summary>
    public const string Layer = "TG_LAYER";
    public const string Instructions = "TG_INSTRUCTIONS";
    public const string Stack = "TG_STACK";
    public const string Status = "TG_STATUS";
    public const string End = "TG_END";

    /// <summary>The harness wraps TG_DATA lines after this many values.</summary>
    public const int MaxValuesPerDataLine = 32;
}
