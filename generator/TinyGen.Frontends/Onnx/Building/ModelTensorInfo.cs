namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// A graph input or output of a generated model with the quantization it carries. For float edges the
/// scale and zero point are those of the QuantizeLinear after the input (or DequantizeLinear before the output).
/// </summary>
public sealed record ModelTensorInfo(string Name, OnnxElementType ElementType, IReadOnlyList<long> Shape, float Scale, int ZeroPoint);
