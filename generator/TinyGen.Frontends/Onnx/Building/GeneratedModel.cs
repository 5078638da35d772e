namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// A synthetic model: its serialized ModelProto, its edges, and one seeded sample input per graph input
/// (integers spread over the whole quantized range; for float edges their exact dequantized values).
/// </summary>
public sealed record GeneratedModel(
    byte[] Onnx,
    IReadOnlyList<ModelTensorInfo> Inputs,
    IReadOnlyList<ModelTensorInfo> Outputs,
    IReadOnlyList<OnnxTensorValue> SampleInputs);
