using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// QuantizeLinear(x, y_scale, [y_zp]) → Quantize; the output carries the quantization. Its element
/// type is the zero point's (uint8 without one, unless output_dtype says otherwise).
/// </summary>
internal sealed class QuantizeLinearMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(2, 3);
        var x = node.RequireInput(0, "x");
        var y = node.RequireOutput();
        if (node.Int("block_size", 0) != 0) throw node.Error("blocked quantization is not supported");

        var outputDtype = node.ToInt(node.Int("output_dtype", 0), "output_dtype");
        var zpType = QuantizationOperands.ZeroPointType(context, node, 2);
        if (zpType is { } z && outputDtype != 0 && z != outputDtype)
            throw node.Error($"output_dtype {OnnxDataTypes.Name(outputDtype)} differs from the zero point's type {OnnxDataTypes.Name(z)}");
        var yType = zpType ?? (outputDtype != 0 ? outputDtype : OnnxDataTypes.UInt8);
        QuantizationOperands.RequireSupportedType(node, yType);

        var quantization = QuantizationOperands.Read(context, node, 1, 2, PerAxis(context, node, x), "y");
        context.DefineOutput(node, y, yType);
        context.Quantize(node, y, quantization);
        context.Add(new Quantize(node.Name, x, y));
    }

    /// <summary>The axis of per-axis (de)quantization; only resolved when the scale has several values.</summary>
    public static int? PerAxis(ImportContext context, OnnxNode node, string tensor)
    {
        var scale = node.RequireInput(1, "scale");
        var scaleShape = context.Shape(scale);
        if (scaleShape.IsDefault || scaleShape.Aggregate(1L, (p, d) => p * d) <= 1) return null;
        if (scaleShape.Length != 1) throw node.Error($"scale '{scale}' has shape [{string.Join(",", scaleShape)}]; per-axis scales are 1-D");
        return QuantizationOperands.NormalizeAxis(context, node, tensor, node.Int("axis", 1));
    }
}
