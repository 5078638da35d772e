using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Reshape(data, shape) with a constant shape → Reshape(Explicit): 0 copies a dim, -1 is inferred.</summary>
internal sealed class ReshapeMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        var data = node.RequireInput(0, "data");
        var y = node.RequireOutput();
        ImmutableArray<long> shape;
        if (context.Opset(node) < 5)
        {
            node.ExpectInputCount(1, 1);
            shape = node.Ints("shape") ?? throw node.Error("required attribute 'shape' is missing");
        }
        else
        {
            node.ExpectInputCount(2, 2);
            var shapeName = node.RequireInput(1, "shape");
            var constant = context.Constant(node, shapeName, "shape");
            if (constant.Type != ElementType.Int64) throw node.Error($"shape '{shapeName}' is {constant.Type.DisplayName()}, not int64");
            shape = [.. constant.ToInt64s()];
        }
        if (node.Int("allowzero", 0) != 0) throw node.Error("allowzero = 1 is not supported; TinyGen supports allowzero = 0");
        if (shape.Count(d => d == -1) > 1) throw node.Error($"shape [{string.Join(",", shape)}] has more than one -1");
        if (shape.Any(d => d < -1)) throw node.Error($"shape [{string.Join(",", shape)}] has a dimension below -1");

        context.DefineOutput(node, y, context.OnnxType(data));
        context.Add(new Reshape(node.Name, data, y, new ReshapeRule.Explicit(shape)));
    }
}
