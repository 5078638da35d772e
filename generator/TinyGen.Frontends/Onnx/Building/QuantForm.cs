namespace TinyGen.Frontends.Onnx.Building;

/// <summary>The two ways ONNX spells a quantized graph.</summary>
public enum QuantForm
{
    /// <summary>Float operators between DequantizeLinear and QuantizeLinear nodes.</summary>
    Qdq,

    /// <summary>Integer operators: QLinearConv, QLinearMatMul and com.microsoft's QLinear* family.</summary>
    QOperator,
}
