namespace TinyGen.Bench.MlperfTiny;

/// <summary>One model on one board: what the run cost and whether it matched the reference.</summary>
public sealed record BenchRow(
    string Model,
    string Board,
    long Macs,
    long Instructions,
    long ArenaBytes,
    long StackBytes,
    long FlashBytes,
    bool Match,
    int ArgMax,
    long? TflmInstructions,
    long? TflmArenaBytes,
    string? Error = null)
{
    public double MacsPerInstruction => Instructions == 0 ? 0 : (double)Macs / Instructions;
    public double? InstructionsVersusTflm => TflmInstructions is { } t && Instructions > 0 ? (double)Instructions / t : null;
}
