using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// com.microsoft QLinearAveragePool / QLinearGlobalAveragePool(X, x_scale, x_zp, y_scale, y_zp)
/// → quantized average Pool2D; channels_last = 1 means the op reads Nhwc.
/// </summary>
internal sealed class QLinearPoolMapper(bool global) : IOpMapper
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

        var layout = node.Int("channels_last", 0) switch
        {
            0 => Layout.Nchw,
            1 => Layout.Nhwc,
            var v => throw node.Error($"channels_last = {v} must be 0 or 1"),
        };
        var window = global ? new Window2D(1, 1) : PoolMapper.ReadWindow(node, PoolKind.Average);

        context.Quantize(node, x, xq);
        context.DefineOutput(node, y, yType);
        context.Quantize(node, y, yq);
        context.Add(new Pool2D(node.Name, PoolKind.Average, x, y, window, global, FusedActivation.None, layout));
    }
}
