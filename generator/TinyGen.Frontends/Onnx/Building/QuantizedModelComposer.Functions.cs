namespace TinyGen.Frontends.Onnx.Building;

// Pointwise functions (Sigmoid, HardSwish), ReduceMean, Sub and a standalone Pad.
public sealed partial class QuantizedModelComposer
{
    /// <summary>
    /// Sigmoid: QDQ, or com.microsoft QLinearSigmoid. Without an explicit output quantization the
    /// output is [0, 1) in steps of 1/256 with the zero point at the bottom of the range (TFLite's).
    /// </summary>
    public QuantizedValue Sigmoid(QuantizedValue x, (float Scale, int ZeroPoint)? outputQuantization = null)
    {
        string prefix = NextPrefix("sigmoid");
        string output = $"{prefix}_out";
        (float scale, int zeroPoint) = outputQuantization ?? (1f / 256f, ScaleHeuristics.Range(Options.Activations).Min);
        if (IsQdq)
        {
            AddNode("Sigmoid", [Dequantize(x)], [$"{prefix}_float"]);
            return Quantize($"{prefix}_float", x.Dims, scale, zeroPoint, output);
        }
        QuantizedValue result = NewValue(output, x.Dims, scale, zeroPoint);
        AddNode("QLinearSigmoid", [x.Name, x.ScaleName, x.ZeroPointName, result.ScaleName, result.ZeroPointName], [output],
            domain: OnnxModelBuilder.MicrosoftDomain);
        return result;
    }

    /// <summary>HardSwish (opset 14) between DequantizeLinear and QuantizeLinear in both forms (there is no QLinear variant).</summary>
    public QuantizedValue HardSwish(QuantizedValue x, int seed = 1)
    {
        _onnxOpset = Math.Max(_onnxOpset, 14);
        var random = new Random(unchecked(seed * 7919 + 707));
        (float scale, int zeroPoint) = OutputQuantization(ScaleHeuristics.Sigma(x.Scale), ConvActivation.None, random);
        string prefix = NextPrefix("hardswish");
        AddNode("HardSwish", [Dequantize(x)], [$"{prefix}_float"]);
        return Quantize($"{prefix}_float", x.Dims, scale, zeroPoint, $"{prefix}_out");
    }

    /// <summary>
    /// ReduceMean over the given axes between DequantizeLinear and QuantizeLinear in both forms. Without an
    /// explicit output quantization the output keeps the input's scale with a seeded zero point.
    /// </summary>
    public QuantizedValue ReduceMean(QuantizedValue x, int[] axes, bool keepDims, int seed = 1, (float Scale, int ZeroPoint)? outputQuantization = null)
    {
        var random = new Random(unchecked(seed * 7919 + 808));
        (float scale, int zeroPoint) = outputQuantization ?? (x.Scale, ScaleHeuristics.RandomZeroPoint(random, Options.Activations));
        int[] normalized = axes.Select(a => a < 0 ? a + x.Dims.Length : a).ToArray();
        int[] outShape = keepDims
            ? x.Dims.Select((d, i) => normalized.Contains(i) ? 1 : d).ToArray()
            : x.Dims.Where((_, i) => !normalized.Contains(i)).ToArray();
        string prefix = NextPrefix("reducemean");
        AddNode("ReduceMean", [Dequantize(x)], [$"{prefix}_float"],
            [OnnxAttribute.Ints("axes", axes.Select(a => (long)a).ToArray()), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)]);
        return Quantize($"{prefix}_float", outShape, scale, zeroPoint, $"{prefix}_out");
    }

    /// <summary>Sub between DequantizeLinear and QuantizeLinear in both forms (com.microsoft has no QLinearSub).</summary>
    private QuantizedValue Sub(QuantizedValue a, QuantizedValue b, int[] outShape, float scale, int zeroPoint)
    {
        string prefix = NextPrefix("sub");
        AddNode("Sub", [Dequantize(a), Dequantize(b)], [$"{prefix}_float"]);
        return Quantize($"{prefix}_float", outShape, scale, zeroPoint, $"{prefix}_out");
    }

    /// <summary>
    /// Constant Pad (pads: all begins, then all ends) with the quantized value <paramref name="level"/>: in
    /// QDQ the float value scale * (level - zero point), exactly representable, between DequantizeLinear
    /// and QuantizeLinear; in QOperator form a Pad of the integer tensor itself.
    /// </summary>
    public QuantizedValue Pad(QuantizedValue x, int[] pads, int level)
    {
        int rank = x.Dims.Length;
        int[] outShape = x.Dims.Select((d, i) => d + pads[i] + pads[i + rank]).ToArray();
        string prefix = NextPrefix("pad");
        AddInitializer($"{prefix}_pads", OnnxTensorValue.Int64(pads.Select(p => (long)p).ToArray(), pads.Length));
        if (IsQdq)
        {
            AddInitializer($"{prefix}_value", OnnxTensorValue.Float([x.Scale * (level - x.ZeroPoint)]));
            AddNode("Pad", [Dequantize(x), $"{prefix}_pads", $"{prefix}_value"], [$"{prefix}_float"]);
            return Quantize($"{prefix}_float", outShape, x.Scale, x.ZeroPoint, $"{prefix}_out");
        }
        AddInitializer($"{prefix}_value", ActivationScalar(level));
        string output = $"{prefix}_out";
        QuantizedValue result = NewValue(output, outShape, x.Scale, x.ZeroPoint);
        AddNode("Pad", [x.Name, $"{prefix}_pads", $"{prefix}_value"], [output]);
        return result;
    }
}
