using System.Collections.Immutable;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx;

internal enum TensorOrigin
{
    GraphInput,
    Initializer,
    ConstantNode,
    NodeOutput,
}

/// <summary>
/// What the importer knows about one ONNX value while it walks the graph. ONNX element types are
/// kept as ONNX codes until the end, so that a node can still name a type TinyGen lacks (int4).
/// Initializers are decoded only when something reads them.
/// </summary>
internal sealed class TensorRecord(string name, TensorOrigin origin, int onnxType)
{
    public string Name { get; } = name;
    public TensorOrigin Origin { get; } = origin;
    public int OnnxType { get; set; } = onnxType;
    public ImmutableArray<int> Shape { get; set; }
    public TensorData? Data { get; set; }
    public Quantization? Quantization { get; set; }
    /// <summary>The still-undecoded initializer (null once decoded or for other origins).</summary>
    public TensorProto? PendingProto { get; set; }
    /// <summary>Who set <see cref="Quantization"/>, for conflict messages.</summary>
    public string? QuantizedBy { get; set; }

    public bool IsConstant => Origin is TensorOrigin.Initializer or TensorOrigin.ConstantNode;
}
