using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>MaxPool / AveragePool → Pool2D in Nchw layout.</summary>
internal sealed class PoolMapper(PoolKind kind) : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(1, 1);
        var x = node.RequireInput(0, "X");
        var y = node.RequireOutput();
        if (kind == PoolKind.Max && node.Output(1) is { } indices && context.IsUsed(indices))
            throw node.Error($"its Indices output '{indices}' is used; TinyGen does not produce MaxPool indices");
        var window = ReadWindow(node, kind);
        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new Pool2D(node.Name, kind, x, y, window, Global: false, FusedActivation.None, Layout.Nchw));
    }

    /// <summary>The window, after rejecting what TinyGen's pools (TFLite semantics) cannot do.</summary>
    public static Window2D ReadWindow(OnnxNode node, PoolKind kind)
    {
        if (node.Int("ceil_mode", 0) != 0) throw node.Error("ceil_mode = 1 is not supported; TinyGen supports ceil_mode = 0");
        var window = WindowAttributes.Read(node, kernelFallback: null);
        if (window.DilationH != 1 || window.DilationW != 1)
            throw node.Error($"dilations {window.DilationH}x{window.DilationW} are not supported for pooling; TinyGen supports 1");
        if (kind == PoolKind.Average && node.Int("count_include_pad", 0) != 0
            && (!window.Padding.IsZero || window.AutoPad is AutoPad.SameUpper or AutoPad.SameLower))
            throw node.Error("count_include_pad = 1 with padding is not supported; TinyGen averages over the valid elements only");
        return window;
    }
}
