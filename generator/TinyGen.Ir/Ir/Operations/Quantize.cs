namespace TinyGen.Ir;

/// <summary>How float → integer quantization rounds a value halfway between two integers.</summary>
public enum QuantizeRounding
{
    /// <summary>ONNX QuantizeLinear.</summary>
    HalfToEven,
    /// <summary>TFLite QUANTIZE (std::round).</summary>
    HalfAwayFromZero,
}

/// <summary>
/// Float → quantized (round as <see cref="Rounding"/> says, saturate), or quantized →
/// quantized with another scale/zero point/type (a requantize, fixed point). The output tensor
/// carries the target quantization.
/// </summary>
public sealed record Quantize(string Name, string Input, string Output, QuantizeRounding Rounding = QuantizeRounding.HalfToEven) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Quantize";
}

/// <summary>Quantized → float: scale * (q - zero point). The input tensor carries the quantization.</summary>
public sealed record Dequantize(string Name, string Input, string Output) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Dequantize";
}
