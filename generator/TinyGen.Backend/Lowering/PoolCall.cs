using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>tg_max_pool_s8 or tg_avgpool_s8; FilterDims = {1, KH, KW, 1}.</summary>
public sealed record PoolCall(
    Operation Op, PoolKind Pool, string Input, string Output,
    TgTile Stride, TgTile Padding, TgActivation Activation,
    TgDims InputDims, TgDims FilterDims, TgDims OutputDims) : KernelCall(Op)
{
    public string Function => Pool == PoolKind.Max ? "tg_max_pool_s8" : "tg_avgpool_s8";
    public override ImmutableArray<string> Functions => [Function];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}
