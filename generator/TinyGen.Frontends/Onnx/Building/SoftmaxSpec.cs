namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// A Softmax (opset 13 semantics: along one axis). Output quantization is the TFLite convention:
/// scale 1/256, zero point -128 (int8) or 0 (uint8).
/// </summary>
public sealed record SoftmaxSpec(int[] InputShape)
{
    public int Axis { get; init; } = -1;
    public int Seed { get; init; } = 1;
}
