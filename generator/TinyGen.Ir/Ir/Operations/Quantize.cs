namespace TinyGen.Ir;

/// <summary>
/// Float → quantized (ONNX QuantizeLinear: round half to even, saturate), or quantized →
/// quantized with another scale/zero point/type (a requantize). The output tensor carries the
/// target quantization.
/// </summary>
public sealed record Quantize(string Name, string Input, string Output) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Quantize";
}

/// <summary>Quantized → float: scale * (q - zero point). The input tensor carries the quantization.</summary>
public sealed record Dequantize(string Name, string Input, string Output) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Dequantize";
}
