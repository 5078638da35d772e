using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// Sigmoid and HardSwish → ElementwiseFunction. Like Relu, they are compiled on float tensors between
/// DequantizeLinear and QuantizeLinear (the QDQ form), where the fold makes them integer functions.
/// </summary>
internal sealed class UnaryFunctionMapper(UnaryFunction function) : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(1, 1);
        var x = node.RequireInput(0, "X");
        var y = node.RequireOutput();
        if (context.OnnxType(x) != OnnxDataTypes.Float)
            throw node.Error($"{node.OpType} on {OnnxDataTypes.Name(context.OnnxType(x))} tensor '{x}' is not supported; TinyGen supports it on float tensors between DequantizeLinear and QuantizeLinear");
        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new ElementwiseFunction(node.Name, x, y, function));
    }
}
