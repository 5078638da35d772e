namespace TinyGen.Planning.Patching;

/// <summary>What the automatic patch search optimizes among the plans that fit the SRAM budget.</summary>
public enum PatchObjective
{
    /// <summary>The fewest multiply-accumulates (layer by layer when it fits): speed first, memory only as needed.</summary>
    FewestMacs,

    /// <summary>The smallest arena, ties to fewer MACs: for squeezing a model into the least SRAM.</summary>
    SmallestArena,
}
