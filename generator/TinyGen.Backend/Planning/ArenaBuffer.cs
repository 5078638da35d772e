namespace TinyGen.Planning;

/// <summary>
/// Where one activation tensor lives in the arena and when: bytes [Offset, Offset + Size) during
/// execution steps FirstStep..LastStep inclusive. Tensors that share storage (a Reshape's output
/// and its input) carry the same <see cref="Storage"/> name, offset and (merged) lifetime.
/// </summary>
public sealed record ArenaBuffer(string TensorName, long Offset, long Size, int FirstStep, int LastStep, string Storage)
{
    public long End => Offset + Size;

    public bool IsAlias => Storage != TensorName;

    /// <summary>True when both are live at some common step (inclusive ends, so equal ranges conflict).</summary>
    public bool LifetimeOverlaps(ArenaBuffer other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;

    /// <summary>True when the byte ranges intersect (empty buffers occupy nothing).</summary>
    public bool MemoryOverlaps(ArenaBuffer other) => Size > 0 && other.Size > 0 && Offset < other.End && other.Offset < End;
}
