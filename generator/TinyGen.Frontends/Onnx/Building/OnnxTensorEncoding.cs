namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// How tensor contents are stored. Exporters mostly write raw_data, but the typed fields are legal too,
/// so importer tests want both.
/// </summary>
public enum OnnxTensorEncoding
{
    /// <summary>Little-endian bytes in TensorProto.raw_data.</summary>
    RawData,

    /// <summary>The typed repeated fields (float_data, int32_data, int64_data).</summary>
    TypedFields,
}
