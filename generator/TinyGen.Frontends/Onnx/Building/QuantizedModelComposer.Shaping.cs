namespace TinyGen.Frontends.Onnx.Building;

// Ops that only move integers (Reshape, Flatten, Transpose) and Softmax.
public sealed partial class QuantizedModelComposer
{
    public QuantizedValue Reshape(QuantizedValue x, long[] targetShape)
    {
        int[] outShape = ShapeInference.Reshape(x.Dims, targetShape);
        string prefix = NextPrefix("reshape");
        AddInitializer($"{prefix}_shape", OnnxTensorValue.Int64(targetShape, targetShape.Length));
        return DataMovement(prefix, "Reshape", x, [$"{prefix}_shape"], outShape, []);
    }

    public QuantizedValue Flatten(QuantizedValue x, int axis = 1) =>
        DataMovement(NextPrefix("flatten"), "Flatten", x, [], ShapeInference.Flatten(x.Dims, axis), [OnnxAttribute.Int("axis", axis)]);

    public QuantizedValue Transpose(QuantizedValue x, int[] perm) =>
        DataMovement(NextPrefix("transpose"), "Transpose", x, [], ShapeInference.Transpose(x.Dims, perm),
            [OnnxAttribute.Ints("perm", perm.Select(p => (long)p).ToArray())]);

    /// <summary>
    /// Softmax (opset-13 single-axis semantics) quantized to scale 1/256 with the zero point at the bottom
    /// of the range: QDQ, or com.microsoft QLinearSoftmax with opset = 13.
    /// </summary>
    public QuantizedValue Softmax(QuantizedValue x, int axis = -1)
    {
        string prefix = NextPrefix("softmax");
        string output = $"{prefix}_out";
        float scale = 1f / 256f;
        int zeroPoint = ScaleHeuristics.Range(Options.Activations).Min;
        if (IsQdq)
        {
            AddNode("Softmax", [Dequantize(x)], [$"{prefix}_float"], [OnnxAttribute.Int("axis", axis)]);
            return Quantize($"{prefix}_float", x.Dims, scale, zeroPoint, output);
        }
        QuantizedValue result = NewValue(output, x.Dims, scale, zeroPoint);
        AddNode("QLinearSoftmax", [x.Name, x.ScaleName, x.ZeroPointName, result.ScaleName, result.ZeroPointName], [output],
            [OnnxAttribute.Int("axis", axis), OnnxAttribute.Int("opset", 13)], OnnxModelBuilder.MicrosoftDomain);
        return result;
    }

    /// <summary>An op that rearranges elements: same quantization in and out, no QLinear variant needed.</summary>
    private QuantizedValue DataMovement(string prefix, string opType, QuantizedValue x, string[] extraInputs, int[] outShape, OnnxAttribute[] attributes)
    {
        string output = $"{prefix}_out";
        if (IsQdq)
        {
            AddNode(opType, [Dequantize(x), .. extraInputs], [$"{prefix}_float"], attributes);
            return Quantize($"{prefix}_float", outShape, x.Scale, x.ZeroPoint, output);
        }
        QuantizedValue result = NewValue(output, outShape, x.Scale, x.ZeroPoint);
        AddNode(opType, [x.Name, .. extraInputs], [output], attributes);
        return result;
    }
}
