using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>One tg_concat_s8 per part, each copying Outer rows of its Inner bytes into rows of OutputInner bytes.</summary>
public sealed record ConcatCall(Operation Op, ImmutableArray<ConcatPart> Parts, string Output, int OutputInner) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_concat_s8"];
    public override ImmutableArray<string> Reads => Parts.Select(p => p.Tensor).ToImmutableArray();
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>
/// tg_transpose_s8 on a canonical 4-D view of the data: unit axes dropped, axes that stay adjacent
/// merged, float elements viewed as 4 bytes, padded with leading 1s. Perm has 4 entries.
/// </summary>
public sealed record TransposeCall(Operation Op, string Input, string Output, TgDims InputDims, ImmutableArray<int> Perm) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_transpose_s8"];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}
