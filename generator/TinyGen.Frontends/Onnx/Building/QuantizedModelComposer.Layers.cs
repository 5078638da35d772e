namespace TinyGen.Frontends.Onnx.Building;

// Layers with weights: convolution and fully connected.
public sealed partial class QuantizedModelComposer
{
    /// <summary>
    /// Conv (QDQ, weights and int32 bias behind DequantizeLinear, activation as a Relu/Clip node) or
    /// QLinearConv (QOperator). Weights are OIHW int8, zero point 0, axis-0 scales when per channel.
    /// </summary>
    public QuantizedValue Conv(QuantizedValue x, ConvSpec spec)
    {
        RequireShape(x, spec.InputShape, "Conv");
        ShapeInference.RequireRank(spec.InputShape, 4);
        int inChannels = spec.InputShape[1];
        if (spec.Group < 1 || inChannels % spec.Group != 0 || spec.OutChannels % spec.Group != 0)
        {
            throw new ArgumentException($"Conv: group {spec.Group} must divide input channels {inChannels} and output channels {spec.OutChannels}.");
        }
        int channelsPerGroup = inChannels / spec.Group;
        int fanIn = channelsPerGroup * spec.Kernel.H * spec.Kernel.W;
        int[] outShape = ShapeInference.Window(spec.InputShape, spec.OutChannels, spec.Kernel, spec.Stride, spec.Dilation, spec.Pads);

        var random = new Random(spec.Seed);
        QuantizedWeights weights = QuantizedWeights.Generate(random, spec.OutChannels, fanIn, spec.PerChannel, ScaleHeuristics.Sigma(x.Scale));
        string prefix = NextPrefix("conv");
        (string w, string wScale, string wZero) = AddWeightInitializers(prefix, weights, weights.Values,
            [spec.OutChannels, channelsPerGroup, spec.Kernel.H, spec.Kernel.W]);
        (float scale, int zeroPoint) = OutputQuantization(weights.OutputSigma, spec.Activation, random);
        (string Name, string Scale, string Zero)? bias = spec.Bias ? AddBiasInitializers(prefix, weights, x.Scale, scale, random) : null;

        OnnxAttribute[] attributes =
        [
            OnnxAttribute.Ints("kernel_shape", spec.Kernel.H, spec.Kernel.W),
            OnnxAttribute.Ints("strides", spec.Stride.H, spec.Stride.W),
            OnnxAttribute.Ints("dilations", spec.Dilation.H, spec.Dilation.W),
            OnnxAttribute.Int("group", spec.Group),
            .. PaddingAttributes(spec.Pads),
        ];
        string output = $"{prefix}_out";

        if (IsQdq)
        {
            var inputs = new List<string>
            {
                Dequantize(x),
                DequantizeWeights(w, wScale, wZero, weights.PerChannel ? 0 : null),
            };
            if (bias is { } b)
            {
                inputs.Add(DequantizeWeights(b.Name, b.Scale, b.Zero, weights.PerChannel ? 0 : null));
            }
            AddNode("Conv", inputs.ToArray(), [$"{prefix}_float"], attributes);
            string activated = ApplyActivation(prefix, $"{prefix}_float", spec.Activation);
            return Quantize(activated, outShape, scale, zeroPoint, output);
        }

        QuantizedValue result = NewValue(output, outShape, scale, zeroPoint);
        AddNode("QLinearConv",
            [x.Name, x.ScaleName, x.ZeroPointName, w, wScale, wZero, result.ScaleName, result.ZeroPointName, .. bias is { } bq ? new[] { bq.Name } : []],
            [output], attributes);
        return result;
    }

    /// <summary>
    /// A fully connected layer on a [Batch, K] value. QDQ: Gemm with int32 bias, or MatMul then an Add of
    /// an int8 bias constant through its own QuantizeLinear/DequantizeLinear. QOperator: QLinearMatMul,
    /// then QLinearAdd for the bias (onnxruntime's quantizer has no int32-bias QLinear Gemm in ai.onnx).
    /// </summary>
    public QuantizedValue FullyConnected(QuantizedValue x, FullyConnectedSpec spec)
    {
        RequireShape(x, [spec.Batch, spec.InFeatures], "FullyConnected");
        int n = spec.OutFeatures;
        int k = spec.InFeatures;
        int[] outShape = [spec.Batch, n];

        var random = new Random(spec.Seed);
        QuantizedWeights weights = QuantizedWeights.Generate(random, n, k, spec.PerChannel, ScaleHeuristics.Sigma(x.Scale));
        string prefix = NextPrefix("fc");
        string output = $"{prefix}_out";
        bool gemmQdq = IsQdq && spec.Op == FullyConnectedOp.Gemm;
        // Gemm with transB = 1 keeps [N, K] (channel axis 0); every other form multiplies by [K, N] (axis 1).
        bool keepNk = gemmQdq && spec.TransB;
        (string w, string wScale, string wZero) = keepNk
            ? AddWeightInitializers(prefix, weights, weights.Values, [n, k])
            : AddWeightInitializers(prefix, weights, weights.Transposed(), [k, n]);
        int? axis = weights.PerChannel ? (keepNk ? 0 : 1) : null;

        if (gemmQdq)
        {
            (float scale, int zeroPoint) = OutputQuantization(weights.OutputSigma, spec.Activation, random);
            (string Name, string Scale, string Zero)? bias = spec.Bias ? AddBiasInitializers(prefix, weights, x.Scale, scale, random) : null;
            var inputs = new List<string> { Dequantize(x), DequantizeWeights(w, wScale, wZero, axis) };
            if (bias is { } b)
            {
                inputs.Add(DequantizeWeights(b.Name, b.Scale, b.Zero, weights.PerChannel ? 0 : null));
            }
            AddNode("Gemm", inputs.ToArray(), [$"{prefix}_float"], [OnnxAttribute.Int("transB", spec.TransB ? 1 : 0)]);
            string activated = ApplyActivation(prefix, $"{prefix}_float", spec.Activation);
            return Quantize(activated, outShape, scale, zeroPoint, output);
        }

        // MatMul (QDQ) or QLinearMatMul, optionally followed by the bias addition.
        var matMulQuant = spec.Bias
            ? OutputQuantization(weights.OutputSigma, ConvActivation.None, random)
            : OutputQuantization(weights.OutputSigma, spec.Activation, random);
        string matMulName = spec.Bias ? $"{prefix}_matmul" : output;
        QuantizedValue product;
        if (IsQdq)
        {
            AddNode("MatMul", [Dequantize(x), DequantizeWeights(w, wScale, wZero, axis)], [$"{prefix}_matmul_float"]);
            string activated = spec.Bias ? $"{prefix}_matmul_float" : ApplyActivation(prefix, $"{prefix}_matmul_float", spec.Activation);
            product = Quantize(activated, outShape, matMulQuant.Scale, matMulQuant.ZeroPoint, matMulName);
        }
        else
        {
            product = NewValue(matMulName, outShape, matMulQuant.Scale, matMulQuant.ZeroPoint);
            AddNode("QLinearMatMul",
                [x.Name, x.ScaleName, x.ZeroPointName, w, wScale, wZero, product.ScaleName, product.ZeroPointName],
                [matMulName]);
        }
        if (!spec.Bias)
        {
            return product;
        }

        // The bias as an activation-typed constant: symmetric around the type's middle, max |b| at level 127.
        double[] realBias = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * weights.OutputSigma).ToArray();
        double biasMax = realBias.Max(Math.Abs);
        float biasScale = (float)(biasMax / 127.0);
        int biasZero = Options.Activations == ActivationDataType.UInt8 ? 128 : 0;
        int[] biasLevels = realBias.Select(b => (int)Math.Round(b / biasScale) + biasZero).ToArray();
        QuantizedValue biasValue = ConstantFromLevels($"{prefix}_bias", [n], biasLevels, biasScale, biasZero);
        double sumSigma = Math.Sqrt(weights.OutputSigma * weights.OutputSigma + biasMax * biasMax / 3.0);
        (float scale2, int zero2) = OutputQuantization(sumSigma, spec.Activation, random);
        return AddLike(prefix, product, biasValue, outShape, scale2, zero2, spec.Activation, output);
    }

    /// <summary>Quantized addition with a given output quantization (and, in QDQ, an optional activation node).</summary>
    private QuantizedValue AddLike(string prefix, QuantizedValue a, QuantizedValue b, int[] outShape, float scale, int zeroPoint,
        ConvActivation activation, string output)
    {
        if (IsQdq)
        {
            AddNode("Add", [Dequantize(a), Dequantize(b)], [$"{prefix}_add_float"]);
            string activated = ApplyActivation(prefix, $"{prefix}_add_float", activation);
            return Quantize(activated, outShape, scale, zeroPoint, output);
        }
        QuantizedValue result = NewValue(output, outShape, scale, zeroPoint);
        AddNode("QLinearAdd",
            [a.Name, a.ScaleName, a.ZeroPointName, b.Name, b.ScaleName, b.ZeroPointName, result.ScaleName, result.ZeroPointName],
            [output], domain: OnnxModelBuilder.MicrosoftDomain);
        return result;
    }

    private (string Name, string Scale, string Zero) AddWeightInitializers(string prefix, QuantizedWeights weights, sbyte[] values, long[] dims)
    {
        string name = $"{prefix}_weight";
        AddInitializer(name, OnnxTensorValue.Int8(values, dims));
        long[] scaleDims = weights.PerChannel ? [weights.Channels] : [];
        AddInitializer($"{name}_scale", OnnxTensorValue.Float(weights.Scales, scaleDims));
        AddInitializer($"{name}_zero_point", OnnxTensorValue.Int8(new sbyte[weights.Scales.Length], scaleDims));
        return (name, $"{name}_scale", $"{name}_zero_point");
    }

    /// <summary>
    /// int32 bias with scale s_in * s_w[c] and zero point 0 (what integer kernels add to the accumulator).
    /// Real values are uniform within half the output spread; with tiny multipliers the products alone
    /// would all round to the zero point, so the bias is made large instead (about ±100 output steps,
    /// up to 2^30), which keeps outputs spread while the multiplier needs a long right shift.
    /// </summary>
    private (string Name, string Scale, string Zero) AddBiasInitializers(string prefix, QuantizedWeights weights, float inputScale,
        float outputScale, Random random)
    {
        string name = $"{prefix}_bias";
        int channels = weights.Channels;
        float[] biasScales = weights.Scales.Select(s => inputScale * s).ToArray();
        double realAmplitude = Options.Multipliers == MultiplierRange.Tiny ? 100.0 * outputScale : 0.5 * weights.OutputSigma;
        int[] values = Enumerable.Range(0, channels)
            .Select(c => (int)Math.Clamp(
                Math.Round((2.0 * random.NextDouble() - 1.0) * realAmplitude / (inputScale * weights.ScaleOf(c))),
                -(1 << 30), 1 << 30))
            .ToArray();
        long[] scaleDims = weights.PerChannel ? [channels] : [];
        AddInitializer(name, OnnxTensorValue.Int32(values, channels));
        AddInitializer($"{name}_scale", OnnxTensorValue.Float(biasScales, scaleDims));
        AddInitializer($"{name}_zero_point", OnnxTensorValue.Int32(new int[biasScales.Length], scaleDims));
        return (name, $"{name}_scale", $"{name}_zero_point");
    }

    private string DequantizeWeights(string name, string scale, string zero, int? axis)
    {
        string output = $"{name}_dequantized";
        AddNode("DequantizeLinear", [name, scale, zero], [output], axis is { } a ? [OnnxAttribute.Int("axis", a)] : null);
        return output;
    }
}
