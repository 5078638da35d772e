namespace TinyGen.Frontends.Onnx.Building;

// Pools keep their input's quantization: they move or average integers, never rescale them.
public sealed partial class QuantizedModelComposer
{
    /// <summary>MaxPool: between DequantizeLinear/QuantizeLinear (QDQ) or directly on the integers (QOperator).</summary>
    public QuantizedValue MaxPool(QuantizedValue x, PoolSpec spec) => Pool(x, spec with { Kind = PoolKind.Max });

    /// <summary>AveragePool: between DequantizeLinear/QuantizeLinear (QDQ) or com.microsoft QLinearAveragePool.</summary>
    public QuantizedValue AveragePool(QuantizedValue x, PoolSpec spec) => Pool(x, spec with { Kind = PoolKind.Average });

    public QuantizedValue Pool(QuantizedValue x, PoolSpec spec)
    {
        RequireShape(x, spec.InputShape, spec.Kind + "Pool");
        int[] outShape = ShapeInference.Window(spec.InputShape, spec.InputShape[1], spec.Kernel, spec.Stride, (1, 1), spec.Pads);
        bool isMax = spec.Kind == PoolKind.Max;
        string prefix = NextPrefix(isMax ? "maxpool" : "avgpool");
        string output = $"{prefix}_out";
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Ints("kernel_shape", spec.Kernel.H, spec.Kernel.W),
            OnnxAttribute.Ints("strides", spec.Stride.H, spec.Stride.W),
        };
        attributes.AddRange(PaddingAttributes(spec.Pads));
        if (!isMax)
        {
            attributes.Add(OnnxAttribute.Int("count_include_pad", spec.CountIncludePad ? 1 : 0));
        }

        if (IsQdq)
        {
            AddNode(isMax ? "MaxPool" : "AveragePool", [Dequantize(x)], [$"{prefix}_float"], attributes.ToArray());
            return Quantize($"{prefix}_float", outShape, x.Scale, x.ZeroPoint, output);
        }
        QuantizedValue result = NewValue(output, outShape, x.Scale, x.ZeroPoint);
        if (isMax)
        {
            AddNode("MaxPool", [x.Name], [output], attributes.ToArray());
        }
        else
        {
            AddNode("QLinearAveragePool", [x.Name, x.ScaleName, x.ZeroPointName, result.ScaleName, result.ZeroPointName],
                [output], attributes.ToArray(), OnnxModelBuilder.MicrosoftDomain);
        }
        return result;
    }

    /// <summary>GlobalAveragePool to [N, C, 1, 1]: QDQ, or com.microsoft QLinearGlobalAveragePool (channels_last = 0).</summary>
    public QuantizedValue GlobalAveragePool(QuantizedValue x)
    {
        int[] shape = x.Dims;
        ShapeInference.RequireRank(shape, 4);
        int[] outShape = [shape[0], shape[1], 1, 1];
        string prefix = NextPrefix("gap");
        string output = $"{prefix}_out";
        if (IsQdq)
        {
            AddNode("GlobalAveragePool", [Dequantize(x)], [$"{prefix}_float"]);
            return Quantize($"{prefix}_float", outShape, x.Scale, x.ZeroPoint, output);
        }
        QuantizedValue result = NewValue(output, outShape, x.Scale, x.ZeroPoint);
        AddNode("QLinearGlobalAveragePool", [x.Name, x.ScaleName, x.ZeroPointName, result.ScaleName, result.ZeroPointName],
            [output], [OnnxAttribute.Int("channels_last", 0)], OnnxModelBuilder.MicrosoftDomain);
        return result;
    }
}
