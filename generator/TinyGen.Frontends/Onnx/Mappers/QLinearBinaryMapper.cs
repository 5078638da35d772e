using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>com.microsoft QLinearAdd / QLinearMul(A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp) → quantized Binary.</summary>
internal sealed class QLinearBinaryMapper(BinaryKind kind) : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(7, 8);
        var a = node.RequireInput(0, "A");
        var b = node.RequireInput(3, "B");
        var c = node.RequireOutput();

        var aq = QuantizationOperands.Read(context, node, 1, 2, axis: null, "A");
        var bq = QuantizationOperands.Read(context, node, 4, 5, axis: null, "B");
        var cq = QuantizationOperands.Read(context, node, 6, 7, axis: null, "C");
        var cType = QuantizationOperands.ZeroPointType(context, node, 7) ?? context.OnnxType(a);
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(a));
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(b));
        QuantizationOperands.RequireSupportedType(node, cType);

        context.Quantize(node, a, aq);
        context.Quantize(node, b, bq);
        context.DefineOutput(node, c, cType);
        context.Quantize(node, c, cq);
        context.Add(new Binary(node.Name, kind, a, b, c, FusedActivation.None));
    }
}
