using System.Globalization;
using TinyGen.Diagnostics;

namespace TinyGen.Planning.Patching;

/// <summary>What the user asked for: no patch stage, the searched one, or a given split step and tiles per side.</summary>
public sealed record PatchRequest
{
    private PatchRequest() { }

    public static PatchRequest Off { get; } = new() { Mode = PatchMode.Off };
    public static PatchRequest Auto { get; } = new() { Mode = PatchMode.Auto };
    public static PatchRequest Fixed(int splitStep, int tilesPerSide) => new() { Mode = PatchMode.Fixed, SplitStep = splitStep, TilesPerSide = tilesPerSide };

    public PatchMode Mode { get; private init; }
    public int SplitStep { get; private init; }
    public int TilesPerSide { get; private init; }

    /// <summary>Parses "auto", "off" or "SPLIT:P" (SPLIT: the step the stage ends with, as `inspect` numbers ops; P: tiles per side).</summary>
    public static PatchRequest Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "auto") return Auto;
        if (t == "off") return Off;
        var parts = t.Split(':');
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var split) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1)
            return Fixed(split, p);
        throw new TinyGenException($"--patch '{text}': expected auto, off or SPLIT:P (the op number the patch stage ends with, as inspect prints it, and tiles per side >= 1), e.g. 7:4");
    }

    public override string ToString() => Mode switch
    {
        PatchMode.Off => "off",
        PatchMode.Auto => "auto",
        _ => $"{SplitStep}:{TilesPerSide}",
    };
}

public enum PatchMode
{
    Off,
    Auto,
    Fixed,
}
