using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// tg_lut_s8: a pointwise int8 function (logistic, hard swish) as a 256-entry table, entry k
/// holding the output for input k - 128, computed here with the function's integer arithmetic.
/// </summary>
public sealed record LutCall(Operation Op, string Input, string Output, int Size, ImmutableArray<sbyte> Table) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_lut_s8"];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>tg_mean_s8 on the input viewed as [Outer, Reduce, Inner]; Multiplier already divides by Reduce.</summary>
public sealed record MeanCall(Operation Op, string Input, string Output, int Outer, int Reduce, int Inner,
    int InputOffset, QuantizedMultiplier Multiplier, int OutputOffset) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_mean_s8"];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>tg_pad_s8 on a 4-D view of the input (leading axes of size 1 added).</summary>
public sealed record PadCall(Operation Op, string Input, string Output, TgDims InputDims, TgDims PrePad, TgDims PostPad, int Value) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_pad_s8"];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}
