using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>
/// A node of the graph. Ops refer to tensors by name; each concrete op is an immutable record
/// whose named fields say what each input means, so passes, the reference and the emitter never
/// index anonymous input lists.
/// </summary>
public abstract record Operation(string Name)
{
    /// <summary>The op's kind as users see it in tables and errors (e.g. "Conv2D").</summary>
    public abstract string Kind { get; }

    /// <summary>Tensor inputs in a fixed order (absent optional inputs omitted).</summary>
    public abstract ImmutableArray<string> Inputs { get; }

    public abstract ImmutableArray<string> Outputs { get; }

    /// <summary>The same op with every tensor reference passed through <paramref name="rename"/>.</summary>
    public abstract Operation RenameTensors(Func<string, string> rename);

    public sealed override string ToString() => $"{Kind} '{Name}'";
}

/// <summary>Ops with one data input and one output.</summary>
public abstract record UnaryOperation(string Name, string Input, string Output) : Operation(Name)
{
    public override ImmutableArray<string> Inputs => [Input];
    public override ImmutableArray<string> Outputs => [Output];
    public override Operation RenameTensors(Func<string, string> rename) => this with { Input = rename(Input), Output = rename(Output) };
}
