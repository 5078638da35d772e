namespace TinyGen.Planning;

/// <summary>
/// One way a step may place <see cref="Output"/> over <see cref="Input"/>; ScratchBytes is the kernel
/// scratch it needs instead of the step's own. <see cref="Preferred"/>: the in-place kernel of a
/// <see cref="InPlaceKind.SlowOverwrite"/> is preferred to the regular one (it outruns it, or costs
/// little and spares linking it), so the planner keeps it wherever it does not grow the arena
/// instead of only where it lowers it.
/// </summary>
public sealed record InPlaceOption(InPlaceKind Kind, string Input, string Output, long ScratchBytes = 0, bool Preferred = false);
