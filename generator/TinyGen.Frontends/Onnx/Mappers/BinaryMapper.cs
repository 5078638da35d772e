using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Add, Sub, Mul (numpy broadcasting) → Binary.</summary>
internal sealed class BinaryMapper(BinaryKind kind) : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(2, 2);
        if (context.Opset(node) < 7 && node.Int("broadcast", 0) != 0 && node.Has("axis"))
            throw node.Error("legacy broadcast with an axis attribute is not supported");
        var a = node.RequireInput(0, "A");
        var b = node.RequireInput(1, "B");
        var c = node.RequireOutput();
        context.DefineOutput(node, c, context.OnnxType(a));
        context.Add(new Binary(node.Name, kind, a, b, c, FusedActivation.None));
    }
}
