namespace TinyGen.Frontends.Onnx.Building;

/// <summary>The integer type of activations; weights are always int8 with zero point 0.</summary>
public enum ActivationDataType
{
    Int8,

    /// <summary>uint8 activations, zero points in [0, 255] (onnxruntime's U8S8 format).</summary>
    UInt8,
}
