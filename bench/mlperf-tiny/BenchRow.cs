namespace TinyGen.Bench.MlperfTiny;

/// <summary>
/// One model on one board: what the run cost and whether it matched the reference. Instructions come
/// from the ordinary build; <see cref="Layers"/> from a second, TG_LAYER_COUNTS build whose marks
/// add a few instructions each (its total is <see cref="LayerBuildInstructions"/>).
/// </summary>
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
    /// <summary>Model code (the model's text and its kernels', weights and harness excluded) and the rest of flash.</summary>
    public TinyGen.Run.FlashComposition? Flash { get; init; }

    public IReadOnlyList<LayerMeasure> Layers { get; init; } = [];
    public long? LayerBuildInstructions { get; init; }

    public double MacsPerInstruction => Instructions == 0 ? 0 : (double)Macs / Instructions;
    public double InstructionsPerMac => Macs == 0 ? 0 : (double)Instructions / Macs;
    public double? InstructionsVersusTflm => TflmInstructions is { } t && Instructions > 0 ? (double)Instructions / t : null;

    /// <summary>Issue 7's target: at most half of TFLite Micro + CMSIS-NN's instructions.</summary>
    public long? TargetInstructions => TflmInstructions / 2;
    public double? InstructionsVersusTarget => TargetInstructions is { } t && Instructions > 0 ? (double)Instructions / t : null;
}
