using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Softmax → Softmax (a negative axis stays as given; shape inference normalizes it).</summary>
internal sealed class SoftmaxMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(1, 1);
        var x = node.RequireInput(0, "input");
        var y = node.RequireOutput();
        var axis = SoftmaxAxis.Resolve(context, node, x, node.Int("axis"), context.Opset(node));
        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new Softmax(node.Name, x, y, axis));
    }
}
