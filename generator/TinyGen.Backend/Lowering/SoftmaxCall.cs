using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>tg_softmax_s8 over NumRows rows of RowSize, with TFLite's beta scaling and diff_min.</summary>
public sealed record SoftmaxCall(Operation Op, string Input, string Output, int NumRows, int RowSize, int Multiplier, int Shift, int DiffMin)
    : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_softmax_s8"];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}
