using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>
/// Constant padding. <see cref="Pads"/> is ONNX's order: all begins, then all ends, one per axis.
/// <see cref="Value"/> is in the tensor's own domain: a real value for float tensors, the integer
/// value for quantized ones (it must equal the zero point to be folded into a following conv).
/// </summary>
public sealed record Pad(string Name, string Input, string Output, ImmutableArray<int> Pads, float Value) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Pad";
}
