using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// tg_elementwise_add_s8, or with Subtract tg_elementwise_sub_s8 (same arguments, a - b), or with
/// <see cref="Tables"/> tg_elementwise_add_s8_fast; Input2 is read with index i % Input2Length.
/// </summary>
public sealed record ElementwiseAddCall(
    Operation Op, string Input1, string Input2, string Output,
    int Input1Offset, QuantizedMultiplier Input1Multiplier, int Input2Offset, QuantizedMultiplier Input2Multiplier,
    int LeftShift, int OutputOffset, QuantizedMultiplier OutputMultiplier, TgActivation Activation,
    int BlockSize, int Input2Length, bool Subtract = false) : KernelCall(Op)
{
    /// <summary>The inputs' rescalings as tables (DSP cores): the call runs tg_elementwise_add_s8_fast, for SUB too.</summary>
    public AddInputTables? Tables { get; init; }

    public string Function => Tables is not null ? "tg_elementwise_add_s8_fast" : Subtract ? "tg_elementwise_sub_s8" : "tg_elementwise_add_s8";
    public override ImmutableArray<string> Functions => [Function];
    public override ImmutableArray<string> Reads => [Input1, Input2];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>tg_elementwise_mul_s8; Input2 is read with index i % Input2Length.</summary>
public sealed record ElementwiseMulCall(
    Operation Op, string Input1, string Input2, string Output,
    int Input1Offset, int Input2Offset, int OutputOffset, QuantizedMultiplier OutputMultiplier, TgActivation Activation,
    int BlockSize, int Input2Length) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_elementwise_mul_s8"];
    public override ImmutableArray<string> Reads => [Input1, Input2];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>tg_clamp_s8: a standalone activation that could not be fused.</summary>
public sealed record ClampCall(Operation Op, string Input, string Output, int Size, TgActivation Activation) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_clamp_s8"];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}
