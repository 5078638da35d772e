namespace TinyGen.Ir;

/// <summary>Softmax along <see cref="Axis"/> (non-negative once shapes are known).</summary>
public sealed record Softmax(string Name, string Input, string Output, int Axis, float Beta = 1f) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Softmax";
}
