namespace TinyGen.Frontends.Onnx.Building;

// Ops combining several quantized values: Add, Mul, Concat.
public sealed partial class QuantizedModelComposer
{
    /// <summary>
    /// Add, Sub or Mul with numpy broadcasting: the op between DequantizeLinear and QuantizeLinear (QDQ) or
    /// com.microsoft QLinearAdd/QLinearMul (Sub stays QDQ: there is no QLinearSub). The output scale
    /// follows the operands' spread (ScaleHeuristics).
    /// </summary>
    public QuantizedValue Binary(QuantizedValue a, QuantizedValue b, BinaryOp op, int seed = 1)
    {
        int[] outShape = ShapeInference.Broadcast(a.Dims, b.Dims);
        double sigmaA = ScaleHeuristics.Sigma(a.Scale);
        double sigmaB = ScaleHeuristics.Sigma(b.Scale);
        double sigma = op != BinaryOp.Mul ? Math.Sqrt(sigmaA * sigmaA + sigmaB * sigmaB) : sigmaA * sigmaB;
        var random = new Random(unchecked(seed * 7919 + 404));
        (float scale, int zeroPoint) = OutputQuantization(sigma, ConvActivation.None, random);
        if (op == BinaryOp.Sub)
        {
            return Sub(a, b, outShape, scale, zeroPoint);
        }
        string prefix = NextPrefix(op == BinaryOp.Add ? "add" : "mul");
        string output = $"{prefix}_out";
        if (op == BinaryOp.Add)
        {
            return AddLike(prefix, a, b, outShape, scale, zeroPoint, ConvActivation.None, output);
        }
        if (IsQdq)
        {
            AddNode("Mul", [Dequantize(a), Dequantize(b)], [$"{prefix}_float"]);
            return Quantize($"{prefix}_float", outShape, scale, zeroPoint, output);
        }
        QuantizedValue result = NewValue(output, outShape, scale, zeroPoint);
        AddNode("QLinearMul",
            [a.Name, a.ScaleName, a.ZeroPointName, b.Name, b.ScaleName, b.ZeroPointName, result.ScaleName, result.ZeroPointName],
            [output], domain: OnnxModelBuilder.MicrosoftDomain);
        return result;
    }

    /// <summary>
    /// Concat along an axis: Concat between DequantizeLinear and QuantizeLinear (QDQ) or com.microsoft
    /// QLinearConcat. Without an explicit output quantization the output takes the largest input scale
    /// (times the MultiplierRange factor) and a seeded zero point.
    /// </summary>
    public QuantizedValue Concat(IReadOnlyList<QuantizedValue> inputs, int axis = 1, int seed = 1, (float Scale, int ZeroPoint)? outputQuantization = null)
    {
        if (inputs.Count < 1)
        {
            throw new ArgumentException("Concat needs at least one input.", nameof(inputs));
        }
        int[] outShape = ShapeInference.Concat(inputs.Select(i => i.Dims).ToArray(), axis);
        (float scale, int zeroPoint) = outputQuantization ?? DefaultConcatQuantization(inputs, seed);
        string prefix = NextPrefix("concat");
        string output = $"{prefix}_out";
        OnnxAttribute[] attributes = [OnnxAttribute.Int("axis", axis)];
        if (IsQdq)
        {
            AddNode("Concat", inputs.Select(Dequantize).ToArray(), [$"{prefix}_float"], attributes);
            return Quantize($"{prefix}_float", outShape, scale, zeroPoint, output);
        }
        QuantizedValue result = NewValue(output, outShape, scale, zeroPoint);
        AddNode("QLinearConcat",
            [result.ScaleName, result.ZeroPointName, .. inputs.SelectMany(i => new[] { i.Name, i.ScaleName, i.ZeroPointName })],
            [output], attributes, OnnxModelBuilder.MicrosoftDomain);
        return result;
    }

    private (float, int) DefaultConcatQuantization(IReadOnlyList<QuantizedValue> inputs, int seed)
    {
        var random = new Random(unchecked(seed * 7919 + 505));
        double largest = inputs.Max(i => (double)i.Scale);
        double factor = Options.Multipliers switch
        {
            MultiplierRange.Tiny => ScaleHeuristics.ExtremeFactor,
            MultiplierRange.Huge => 1.0 / ScaleHeuristics.ExtremeFactor,
            _ => 1.0,
        };
        return ((float)(largest * factor), ScaleHeuristics.RandomZeroPoint(random, Options.Activations));
    }
}
