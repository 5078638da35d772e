namespace TinyGen.Planning;

/// <summary>When the planner may take the in-place options that can cost speed or memory: a slower in-place kernel, an output written over a larger input.</summary>
public enum InPlacePolicy
{
    /// <summary>Only where the arena gets smaller with it (the default: speed is kept wherever memory is not at stake).</summary>
    WhereItLowersTheArena,

    /// <summary>Never: every op runs its regular kernel.</summary>
    Never,

    /// <summary>Wherever it is legal (tests of the in-place kernels).</summary>
    Everywhere,
}
