using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// QLinearMatMul(a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp) → Transpose(b) + FullyConnected.
/// Per-column b_scale is axis 1 of b [K, N]; it stays on the original b, and transpose folding
/// moves it to axis 0 with the data.
/// </summary>
internal sealed class QLinearMatMulMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(8, 8);
        var a = node.RequireInput(0, "a");
        var b = node.RequireInput(3, "b");
        var y = node.RequireOutput();

        var aq = QuantizationOperands.Read(context, node, 1, 2, axis: null, "a");
        var bq = QuantizationOperands.Read(context, node, 4, 5, axis: 1, "b");
        var yq = QuantizationOperands.Read(context, node, 6, 7, axis: null, "y");
        var yType = QuantizationOperands.ZeroPointType(context, node, 7) ?? context.OnnxType(a);
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(a));
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(b));
        QuantizationOperands.RequireSupportedType(node, yType);

        var weights = FullyConnectedWeights.Prepare(context, node, b, inputMajor: true);
        QuantizationOperands.CheckChannelCount(context, node, b, bq);
        context.Quantize(node, a, aq);
        context.Quantize(node, b, bq);
        context.DefineOutput(node, y, yType);
        context.Quantize(node, y, yq);
        context.Add(new FullyConnected(node.Name, a, weights, null, y, FusedActivation.None));
    }
}
