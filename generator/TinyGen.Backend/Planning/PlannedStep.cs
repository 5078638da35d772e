namespace TinyGen.Planning;

/// <summary>
/// One position of the execution order: which step (op index in the lowered graph) runs, the bytes
/// live while it runs (scratch included), and the in-place choice made for it, if any.
/// </summary>
public sealed record PlannedStep(int Op, string Label, long LiveBytes, InPlaceOption? InPlace)
{
    public bool RunsSlowInPlaceKernel => InPlace is { Kind: InPlaceKind.SlowOverwrite };
}
