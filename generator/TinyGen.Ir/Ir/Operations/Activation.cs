namespace TinyGen.Ir;

/// <summary>
/// A standalone clamp (Relu, Relu6, Clip). Fused into its producer when it can be; otherwise
/// it runs as its own int8 clamp.
/// </summary>
public sealed record Activation(string Name, string Input, string Output, FusedActivation Clamp) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => Clamp == FusedActivation.Relu ? "Relu" : Clamp == FusedActivation.Relu6 ? "Relu6" : "Clip";
}

/// <summary>Copies its input (ONNX Identity, Dropout at inference); removed by the passes.</summary>
public sealed record Identity(string Name, string Input, string Output) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Identity";
}
