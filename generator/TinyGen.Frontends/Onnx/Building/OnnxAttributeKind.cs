namespace TinyGen.Frontends.Onnx.Building;

/// <summary>The attribute kinds the builder writes (a subset of ONNX's AttributeType).</summary>
public enum OnnxAttributeKind
{
    Int,
    Ints,
    Float,
    Floats,
    String,
    Tensor,
}
