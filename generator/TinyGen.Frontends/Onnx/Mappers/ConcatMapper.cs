using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Concat(inputs...) along axis → Concat.</summary>
internal sealed class ConcatMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        if (node.InputCount < 1) throw node.Error("has no inputs");
        var parts = Enumerable.Range(0, node.InputCount).Select(i => node.RequireInput(i, $"input {i}")).ToImmutableArray();
        var y = node.RequireOutput();
        // Opsets before 4 defaulted the axis to 1; later ones require it.
        var axis = node.SmallInt("axis") ?? (context.Opset(node) < 4 ? 1 : throw node.Error("required attribute 'axis' is missing"));
        context.DefineOutput(node, y, context.OnnxType(parts[0]));
        context.Add(new Concat(node.Name, parts, y, axis));
    }
}
