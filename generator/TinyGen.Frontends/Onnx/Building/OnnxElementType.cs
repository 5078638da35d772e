namespace TinyGen.Frontends.Onnx.Building;

/// <summary>The ONNX element types the builder can write; the values are ONNX's TensorProto.DataType codes.</summary>
public enum OnnxElementType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
}
