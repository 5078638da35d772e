using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>GlobalAveragePool / GlobalMaxPool → a global Pool2D (its window comes from shape inference).</summary>
internal sealed class GlobalPoolMapper(PoolKind kind) : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(1, 1);
        var x = node.RequireInput(0, "X");
        var y = node.RequireOutput();
        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new Pool2D(node.Name, kind, x, y, new Window2D(1, 1), Global: true, FusedActivation.None, Layout.Nchw));
    }
}
