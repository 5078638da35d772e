using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Conv(X, W, [B]) → Conv2D in Nchw layout.</summary>
internal sealed class ConvMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(2, 3);
        var x = node.RequireInput(0, "X");
        var w = node.RequireInput(1, "W");
        var bias = node.Input(2);
        var y = node.RequireOutput();
        var window = WindowAttributes.Read(node, WindowAttributes.KernelFromWeights(context, w));
        var groups = ReadGroups(node);
        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new Conv2D(node.Name, x, w, bias, y, window, groups, FusedActivation.None, Layout.Nchw));
    }

    public static int ReadGroups(OnnxNode node)
    {
        var groups = node.SmallInt("group") ?? 1;
        return groups >= 1 ? groups : throw node.Error($"group {groups} must be at least 1");
    }
}
