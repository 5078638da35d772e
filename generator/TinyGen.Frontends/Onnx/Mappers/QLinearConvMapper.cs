using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// QLinearConv(x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, [B]) → Conv2D whose x, w and y
/// carry the quantization (w per output channel when w_scale has several values). The int32 bias
/// gets scale x_scale * w_scale and zero point 0, which is what QLinearConv means by it.
/// </summary>
internal sealed class QLinearConvMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(8, 9);
        var x = node.RequireInput(0, "x");
        var w = node.RequireInput(3, "w");
        var bias = node.Input(8);
        var y = node.RequireOutput();

        var xq = QuantizationOperands.Read(context, node, 1, 2, axis: null, "x");
        var wq = QuantizationOperands.Read(context, node, 4, 5, axis: 0, "w");
        var yq = QuantizationOperands.Read(context, node, 6, 7, axis: null, "y");
        QuantizationOperands.CheckChannelCount(context, node, w, wq);

        var yType = QuantizationOperands.ZeroPointType(context, node, 7) ?? context.OnnxType(x);
        QuantizationOperands.RequireSupportedType(node, yType);
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(x));
        QuantizationOperands.RequireSupportedType(node, context.OnnxType(w));

        var window = WindowAttributes.Read(node, WindowAttributes.KernelFromWeights(context, w));
        var groups = ConvMapper.ReadGroups(node);

        context.Quantize(node, x, xq);
        context.Quantize(node, w, wq);
        if (bias is not null)
        {
            if (context.OnnxType(bias) != OnnxDataTypes.Int32)
                throw node.Error($"bias '{bias}' is {OnnxDataTypes.Name(context.OnnxType(bias))}; QLinearConv takes an int32 bias");
            var biasScales = wq.Scales.Select(s => xq.Scale * s).ToImmutableArray();
            context.Quantize(node, bias, new Quantization(biasScales, [0], wq.IsPerChannel ? 0 : -1));
        }
        context.DefineOutput(node, y, yType);
        context.Quantize(node, y, yq);
        context.Add(new Conv2D(node.Name, x, w, bias, y, window, groups, FusedActivation.None, Layout.Nchw));
    }
}
