using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>output.shape[i] = input.shape[Perm[i]].</summary>
public sealed record Transpose(string Name, string Input, string Output, ImmutableArray<int> Perm) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Transpose";
}
