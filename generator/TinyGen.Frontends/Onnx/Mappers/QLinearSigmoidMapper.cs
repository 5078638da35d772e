using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>com.microsoft QLinearSigmoid(X, X_scale, X_zp, Y_scale, Y_zp) → quantized ElementwiseFunction (Logistic).</summary>
internal sealed class QLinearSigmoidMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(4, 5);
        var x = node.RequireInput(0, "X");
        var y = node.RequireOutput();
        var xq = QuantizationOperands.Read(context, node, 1, 2, axis: null, "X");
        var yq = QuantizationOperands.Read(context, node, 3, 4, axis: null, "Y");
        var yType = QuantizationOperands.ZeroPointType(context, node, 4) ?? context.OnnxType(x);
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(x));
        QuantizationOperands.RequireSupportedType(node, yType);

        context.Quantize(node, x, xq);
        context.DefineOutput(node, y, yType);
        context.Quantize(node, y, yq);
        context.Add(new ElementwiseFunction(node.Name, x, y, UnaryFunction.Logistic));
    }
}
