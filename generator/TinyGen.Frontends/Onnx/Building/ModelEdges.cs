namespace TinyGen.Frontends.Onnx.Building;

/// <summary>What the graph's inputs and outputs carry.</summary>
public enum ModelEdges
{
    /// <summary>Quantized integers: the input feeds the first op (QDQ: a DequantizeLinear) directly.</summary>
    Integer,

    /// <summary>Float: a QuantizeLinear after each input, a DequantizeLinear before each output.</summary>
    Float,
}
