using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>
/// Constant padding. <see cref="Pads"/> is ONNX's order: all begins, then all ends, one per axis.
/// <see cref="Value"/> is a real value; for quantized tensors it must quantize to the zero point
/// to be folded into a following convolution or pool.
/// </summary>
public sealed record Pad(string Name, string Input, string Output, ImmutableArray<int> Pads, float Value) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Pad";
}
