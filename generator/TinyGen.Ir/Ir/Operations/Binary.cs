using System.Collections.Immutable;

namespace TinyGen.Ir;

public enum BinaryKind
{
    Add,
    Sub,
    Mul,
}

/// <summary>Elementwise Add, Sub or Mul with numpy broadcasting (kernels take same-shape, scalar or per-channel).</summary>
public sealed record Binary(string Name, BinaryKind Op, string A, string B, string Output, FusedActivation Activation) : Operation(Name)
{
    public override string Kind => Op.ToString();
    public override ImmutableArray<string> Inputs => [A, B];
    public override ImmutableArray<string> Outputs => [Output];
    public override Operation RenameTensors(Func<string, string> rename) => this with { A = rename(A), B = rename(B), Output = rename(Output) };
}
