using System.Collections.Immutable;

namespace TinyGen.Planning;

/// <summary>
/// One op as the planner sees it: the activation tensors it reads and writes, the scratch its kernel
/// needs while it runs, and the ways its output may share an input's bytes.
/// </summary>
public sealed record MemoryStep(string Label, ImmutableArray<string> Reads, ImmutableArray<string> Writes, long ScratchBytes, ImmutableArray<InPlaceOption> InPlace)
{
    public MemoryStep(string label, ImmutableArray<string> reads, ImmutableArray<string> writes)
        : this(label, reads, writes, 0, []) { }
}
