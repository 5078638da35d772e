using TinyGen.Frontends.Onnx.Building;
using TinyGen.Ir;
using TinyGen.Tests.Oracles;

namespace TinyGen.Tests.Conformance;

/// <summary>Moves tensors between TinyGen's <see cref="TensorData"/>, the builder's samples and the onnxruntime oracle.</summary>
internal static class OracleConversions
{
    public static string OracleType(ElementType type) => type switch
    {
        ElementType.Int8 => "int8",
        ElementType.UInt8 => "uint8",
        ElementType.Float32 => "float32",
        _ => throw new ArgumentException($"no oracle type for {type.DisplayName()}"),
    };

    public static ElementType ElementTypeOf(OnnxElementType type) => type switch
    {
        OnnxElementType.Int8 => ElementType.Int8,
        OnnxElementType.UInt8 => ElementType.UInt8,
        OnnxElementType.Float => ElementType.Float32,
        _ => throw new ArgumentException($"no TinyGen type for {type}"),
    };

    public static TensorData ToTensorData(OnnxTensorValue sample) =>
        TensorData.FromBytes(ElementTypeOf(sample.ElementType), sample.ToLittleEndianBytes());

    public static OracleTensor ToOracle(TensorData data, IEnumerable<int> dims, string name) =>
        new(OracleType(data.Type), dims.ToArray(), data.Bytes.ToArray(), name);

    public static OracleTensor ToOracle(OnnxTensorValue sample, string name) =>
        ToOracle(ToTensorData(sample), sample.Dims.Select(d => checked((int)d)), name);
}
