using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>Concatenation along <see cref="Axis"/>.</summary>
public sealed record Concat(string Name, ImmutableArray<string> Parts, string Output, int Axis) : Operation(Name)
{
    public override string Kind => "Concat";
    public override ImmutableArray<string> Inputs => Parts;
    public override ImmutableArray<string> Outputs => [Output];
    public override Operation RenameTensors(Func<string, string> rename) =>
        this with { Parts = Parts.Select(rename).ToImmutableArray(), Output = rename(Output) };
}
