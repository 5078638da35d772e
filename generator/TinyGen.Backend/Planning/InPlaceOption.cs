namespace TinyGen.Planning;

/// <summary>One way a step may place <see cref="Output"/> over <see cref="Input"/>; ScratchBytes is the kernel scratch it needs instead of the step's own.</summary>
public sealed record InPlaceOption(InPlaceKind Kind, string Input, string Output, long ScratchBytes = 0);
