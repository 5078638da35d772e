using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Flatten(axis) → Reshape(Flatten rule).</summary>
internal sealed class FlattenMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(1, 1);
        var x = node.RequireInput(0, "input");
        var y = node.RequireOutput();
        var axis = node.SmallInt("axis") ?? 1;
        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new Reshape(node.Name, x, y, new ReshapeRule.Flatten(axis)));
    }
}
