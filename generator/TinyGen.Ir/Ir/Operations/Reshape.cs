using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>How a <see cref="Reshape"/> derives its output shape (ONNX Reshape, Flatten, Squeeze, Unsqueeze).</summary>
public abstract record ReshapeRule
{
    private ReshapeRule() { }

    /// <summary>ONNX Reshape: 0 copies the input dimension, -1 is inferred.</summary>
    public sealed record Explicit(ImmutableArray<long> Shape) : ReshapeRule;
    public sealed record Flatten(int Axis) : ReshapeRule;
    public sealed record Squeeze(ImmutableArray<int> Axes) : ReshapeRule;
    public sealed record Unsqueeze(ImmutableArray<int> Axes) : ReshapeRule;
    /// <summary>The output shape is already on the output tensor (TFLite, or after inference).</summary>
    public sealed record Given : ReshapeRule;
}

/// <summary>A change of shape that keeps the bytes in order: costs nothing at run time (aliased).</summary>
public sealed record Reshape(string Name, string Input, string Output, ReshapeRule Rule) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Reshape";
}
