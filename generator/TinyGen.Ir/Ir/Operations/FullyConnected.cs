using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>
/// out[r, o] = sum_k in[r, k] * W[o, k] + bias[o]: Gemm and MatMul with a constant right-hand side.
/// Weights are [OutFeatures, InFeatures]; the input is read as rows of InFeatures.
/// </summary>
public sealed record FullyConnected(string Name, string Input, string Weights, string? Bias, string Output, FusedActivation Activation)
    : Operation(Name)
{
    public override string Kind => "FullyConnected";
    public override ImmutableArray<string> Inputs => Bias is null ? [Input, Weights] : [Input, Weights, Bias];
    public override ImmutableArray<string> Outputs => [Output];
    public override Operation RenameTensors(Func<string, string> rename) =>
        this with { Input = rename(Input), Weights = rename(Weights), Bias = Bias is null ? null : rename(Bias), Output = rename(Output) };
}
