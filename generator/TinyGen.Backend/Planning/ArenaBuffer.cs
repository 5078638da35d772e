namespace TinyGen.Planning;

/// <summary>
/// Where one activation tensor (or one step's kernel scratch) lives in the arena and when: bytes
/// [Offset, Offset + Size) during execution steps FirstStep..LastStep inclusive. Tensors that share
/// storage (a Reshape's output and its input, or an op's output written over its dying input) carry
/// the same <see cref="Storage"/> name; each keeps its own lifetime, so a block's tail is free once
/// its larger member has died.
/// </summary>
public sealed record ArenaBuffer(string TensorName, long Offset, long Size, int FirstStep, int LastStep, string Storage, BufferKind Kind = BufferKind.Tensor)
{
    public long End => Offset + Size;

    public bool IsAlias => Kind == BufferKind.Tensor && Storage != TensorName;

    /// <summary>True when both are live at some common step (inclusive ends, so equal ranges conflict).</summary>
    public bool LifetimeOverlaps(ArenaBuffer other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;

    /// <summary>True when the byte ranges intersect (empty buffers occupy nothing).</summary>
    public bool MemoryOverlaps(ArenaBuffer other) => Size > 0 && other.Size > 0 && Offset < other.End && other.Offset < End;

    /// <summary>True when both name the same storage (scratch never shares with a tensor).</summary>
    public bool SharesStorageWith(ArenaBuffer other) => Kind == other.Kind && Storage == other.Storage;
}
