using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// com.microsoft QLinearSoftmax(X, X_scale, X_zp, Y_scale, Y_zp) → quantized Softmax. Its 'opset'
/// attribute says which Softmax semantics (and default axis) it follows.
/// </summary>
internal sealed class QLinearSoftmaxMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(4, 5);
        var x = node.RequireInput(0, "X");
        var y = node.RequireOutput();
        var semantics = node.Int("opset") ?? throw node.Error("required attribute 'opset' is missing");
        var axis = SoftmaxAxis.Resolve(context, node, x, node.Int("axis"), semantics);

        var xq = QuantizationOperands.Read(context, node, 1, 2, axis: null, "X");
        var yq = QuantizationOperands.Read(context, node, 3, 4, axis: null, "Y");
        var yType = QuantizationOperands.ZeroPointType(context, node, 4) ?? context.OnnxType(x);
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(x));
        QuantizationOperands.RequireSupportedType(node, yType);

        context.Quantize(node, x, xq);
        context.DefineOutput(node, y, yType);
        context.Quantize(node, y, yq);
        context.Add(new Softmax(node.Name, x, y, axis));
    }
}
