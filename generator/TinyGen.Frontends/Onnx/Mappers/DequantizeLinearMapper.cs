using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>DequantizeLinear(x, x_scale, [x_zp]) → Dequantize; the input carries the quantization; the output is float32.</summary>
internal sealed class DequantizeLinearMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(2, 3);
        var x = node.RequireInput(0, "x");
        var y = node.RequireOutput();
        if (node.Int("block_size", 0) != 0) throw node.Error("blocked quantization is not supported");
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(x), allowInt32: true);
        if (QuantizationOperands.ZeroPointType(context, node, 2) is { } zpType && zpType != context.OnnxType(x))
            throw node.Error($"zero point is {OnnxDataTypes.Name(zpType)} but x is {OnnxDataTypes.Name(context.OnnxType(x))}");

        var quantization = QuantizationOperands.Read(context, node, 1, 2, QuantizeLinearMapper.PerAxis(context, node, x), "x");
        QuantizationOperands.CheckChannelCount(context, node, x, quantization);
        context.Quantize(node, x, quantization);
        context.DefineOutput(node, y, OnnxDataTypes.Float);
        context.Add(new Dequantize(node.Name, x, y));
    }
}
