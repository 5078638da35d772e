using TinyGen.Frontends.Onnx;
using TinyGen.Frontends.Onnx.Building;
using Padding2D = TinyGen.Ir.Padding2D;
using TinyGen.Frontends.Tflite;
using TinyGen.Frontends.Tflite.Building;
using TinyGen.Ir;
using TinyGen.Reference;
using static TinyGen.Frontends.Tflite.Building.TfliteOptionTables;

namespace TinyGen.Tests.Frontends.Tflite;

/// <summary>
/// Each supported op as a one-op TFLite model, imported, lowered and run by the reference
/// interpreter, against an oracle: the same op with the same numbers as a QOperator ONNX model
/// (NCHW, so inputs and outputs are transposed), which must give identical outputs, or a result
/// worked out by hand from TFLite's definition.
/// </summary>
public sealed class TfliteOpTests
{
    public static TheoryData<int, int, int, int, int, int, bool> Convolutions() => new()
    {
        // height, width, channels, out channels, stride, dilation, SAME
        { 7, 6, 3, 4, 2, 1, true },  // odd total padding: TFLite puts the extra row/column after
        { 8, 8, 2, 5, 1, 2, true },
        { 9, 5, 4, 3, 2, 1, false },
    };

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv2D_equals_QLinearConv(int h, int w, int c, int cout, int stride, int dilation, bool same)
    {
        var random = new Random(h * 100 + w * 10 + c);
        var weights = TfliteTestModels.Values(random, cout * 3 * 3 * c); // OHWI
        var weightScales = Enumerable.Range(0, cout).Select(i => 0.004f + 0.003f * i).ToArray();
        var bias = Enumerable.Range(0, cout).Select(_ => random.Next(-2000, 2000)).ToArray();
        var (xs, xz, ys, yz) = (0.05f, 3, 0.09f, -7);
        var window = new Window2D(3, 3, stride, stride, dilation, dilation);
        var pads = same ? TfliteOperatorMapper.SamePadding(window, h, w) : Padding2D.None;
        var (oh, ow) = ((window with { Padding = pads }).OutputHeight(h), (window with { Padding = pads }).OutputWidth(w));

        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, h, w, c], xs, xz);
        var wt = b.Int8Constant("w", [cout, 3, 3, c], weights, weightScales);
        var bt = b.Int32Constant("b", [cout], bias, weightScales.Select(s => s * xs).ToArray());
        var y = b.Int8("y", [1, oh, ow, cout], ys, yz);
        b.AddOperator(BuiltinOperator.Conv2D, [x, wt, bt], [y], BuiltinOptionsType.Conv2D, Conv2D(same ? Same : Valid, stride, stride, NoActivation, dilation, dilation));
        var tflite = b.Inputs(x).Outputs(y).Build();

        var onnxWeights = Permute(weights, [cout, 3, 3, c], [0, 3, 1, 2]); // OHWI → OIHW
        var onnx = QLinearConv([1, c, h, w], onnxWeights, [cout, c, 3, 3], weightScales, bias, xs, xz, ys, yz, group: 1,
            pads, stride, dilation);

        AssertSameAsOnnx(tflite, onnx, [1, h, w, c], [1, oh, ow, cout], seed: 5);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void DepthwiseConv2D_equals_grouped_QLinearConv(int multiplier, int stride)
    {
        var (h, w, c) = (6, 7, 3);
        var cout = c * multiplier;
        var random = new Random(multiplier);
        var weights = TfliteTestModels.Values(random, 3 * 3 * cout); // [1, KH, KW, Cout]
        var weightScales = Enumerable.Range(0, cout).Select(i => 0.01f + 0.002f * i).ToArray();
        var bias = Enumerable.Range(0, cout).Select(_ => random.Next(-500, 500)).ToArray();
        var (xs, xz, ys, yz) = (0.04f, -10, 0.05f, 2);
        var window = new Window2D(3, 3, stride, stride);
        var pads = TfliteOperatorMapper.SamePadding(window, h, w);
        var (oh, ow) = ((window with { Padding = pads }).OutputHeight(h), (window with { Padding = pads }).OutputWidth(w));

        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, h, w, c], xs, xz);
        var wt = b.Int8Constant("w", [1, 3, 3, cout], weights, weightScales, dimension: 3);
        var bt = b.Int32Constant("b", [cout], bias);
        var y = b.Int8("y", [1, oh, ow, cout], ys, yz);
        b.AddOperator(BuiltinOperator.DepthwiseConv2D, [x, wt, bt], [y], BuiltinOptionsType.DepthwiseConv2D, DepthwiseConv2D(Same, stride, stride, multiplier));
        var tflite = b.Inputs(x).Outputs(y).Build();

        var onnxWeights = Permute(weights, [1, 3, 3, cout], [3, 0, 1, 2]); // [1,KH,KW,Cout] → [Cout,1,KH,KW]
        var onnx = QLinearConv([1, c, h, w], onnxWeights, [cout, 1, 3, 3], weightScales, bias, xs, xz, ys, yz, group: c, pads, stride, 1);

        AssertSameAsOnnx(tflite, onnx, [1, h, w, c], [1, oh, ow, cout], seed: 6);
    }

    [Fact]
    public void Fused_relu_clamps_at_the_output_zero_point()
    {
        // the same conv without and with RELU: with it, every value below the zero point becomes the zero point
        byte[] Build(byte activation)
        {
            var random = new Random(9);
            var b = new TfliteModelBuilder();
            var x = b.Int8("x", [1, 5, 5, 2], 0.05f, 0);
            var wt = b.Int8Constant("w", [3, 3, 3, 2], TfliteTestModels.Values(random, 54), [0.01f]);
            var y = b.Int8("y", [1, 5, 5, 3], 0.05f, -20);
            b.AddOperator(BuiltinOperator.Conv2D, [x, wt, -1], [y], BuiltinOptionsType.Conv2D, Conv2D(Same, 1, 1, activation));
            return b.Inputs(x).Outputs(y).Build();
        }
        var input = TfliteTestModels.Values(new Random(2), 50);

        var plain = Run(Build(NoActivation), input);
        var relu = Run(Build(Relu), input);

        Assert.Contains(plain, v => v < -20);
        Assert.Equal(plain.Select(v => (sbyte)Math.Max(v, (sbyte)-20)), relu);
    }

    [Fact]
    public void FullyConnected_reads_a_4d_input_as_rows_and_equals_QLinearMatMul()
    {
        var random = new Random(4);
        var (inFeatures, outFeatures) = (12, 5);
        var weights = TfliteTestModels.Values(random, outFeatures * inFeatures); // [Out, In]
        var (xs, xz, ws, ys, yz) = (0.03f, 4, 0.02f, 0.08f, -3);

        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 1, 1, inFeatures], xs, xz);
        var wt = b.Int8Constant("w", [outFeatures, inFeatures], weights, [ws]);
        var y = b.Int8("y", [1, outFeatures], ys, yz);
        b.AddOperator(BuiltinOperator.FullyConnected, [x, wt, -1], [y], BuiltinOptionsType.FullyConnected, FullyConnected());
        var tflite = b.Inputs(x).Outputs(y).Build();

        var m = new OnnxModelBuilder("fc").AddInput("x", OnnxElementType.Int8, 1, inFeatures).AddOutput("y", OnnxElementType.Int8, 1, outFeatures);
        m.AddInitializer("w", Permute(weights, [outFeatures, inFeatures], [1, 0]), inFeatures, outFeatures);
        Scalars(m, ("xs", xs, "xz", xz), ("ws", ws, "wz", 0), ("ys", ys, "yz", yz));
        m.AddNode("QLinearMatMul", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz"], ["y"]);

        var input = TfliteTestModels.Values(new Random(8), inFeatures);
        Assert.Equal(RunOnnx(m.Build(), [input]), Run(tflite, input));
    }

    [Theory]
    [InlineData(BuiltinOperator.Add, "QLinearAdd")]
    [InlineData(BuiltinOperator.Mul, "QLinearMul")]
    public void Add_and_Mul_equal_the_QLinear_contrib_ops(BuiltinOperator code, string onnxOp)
    {
        int[] shape = [1, 3, 4, 2];
        var b = new TfliteModelBuilder();
        var a = b.Int8("a", shape, 0.04f, 5);
        var c = b.Int8("c", shape, 0.07f, -9);
        var y = b.Int8("y", shape, 0.1f, 1);
        b.AddOperator(code, [a, c], [y], code == BuiltinOperator.Add ? BuiltinOptionsType.Add : BuiltinOptionsType.Mul, ElementwiseArithmetic());
        var tflite = b.Inputs(a, c).Outputs(y).Build();

        // elementwise, so the NCHW twin can take the same bytes under an NHWC-free shape
        var m = new OnnxModelBuilder("binary").AddInput("a", OnnxElementType.Int8, 1, 24).AddInput("c", OnnxElementType.Int8, 1, 24).AddOutput("y", OnnxElementType.Int8, 1, 24);
        Scalars(m, ("as", 0.04f, "az", 5), ("cs", 0.07f, "cz", -9), ("ys", 0.1f, "yz", 1));
        m.AddNode(onnxOp, ["a", "as", "az", "c", "cs", "cz", "ys", "yz"], ["y"], domain: OnnxModelBuilder.MicrosoftDomain);

        var inputs = new[] { TfliteTestModels.Values(new Random(1), 24), TfliteTestModels.Values(new Random(2), 24) };
        Assert.Equal(RunOnnx(m.Build(), inputs), Run(tflite, inputs));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pools_equal_their_onnx_twins(bool average)
    {
        var (h, w, c) = (7, 7, 3);
        var window = new Window2D(3, 3, 2, 2);
        var pads = TfliteOperatorMapper.SamePadding(window, h, w);
        var (oh, ow) = ((window with { Padding = pads }).OutputHeight(h), (window with { Padding = pads }).OutputWidth(w));

        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, h, w, c], 0.05f, -4);
        var y = b.Int8("y", [1, oh, ow, c], 0.05f, -4);
        b.AddOperator(average ? BuiltinOperator.AveragePool2D : BuiltinOperator.MaxPool2D, [x], [y], BuiltinOptionsType.Pool2D, Pool2D(Same, 3, 3, 2, 2));
        var tflite = b.Inputs(x).Outputs(y).Build();

        var m = new OnnxModelBuilder("pool").AddInput("x", OnnxElementType.Int8, 1, c, h, w).AddOutput("y", OnnxElementType.Int8, 1, c, oh, ow);
        OnnxAttribute[] attributes = [OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("strides", 2, 2), OnnxAttribute.Ints("pads", pads.Top, pads.Left, pads.Bottom, pads.Right)];
        Scalars(m, ("xs", 0.05f, "xz", -4));
        if (average)
        {
            m.AddNode("QLinearAveragePool", ["x", "xs", "xz", "xs", "xz"], ["y"], [.. attributes, OnnxAttribute.Int("channels_last", 0), OnnxAttribute.Int("count_include_pad", 0)], OnnxModelBuilder.MicrosoftDomain);
        }
        else
        {
            // QDQ around a float MaxPool: the form quantizers write, folded to an int8 max pool
            m.AddNode("DequantizeLinear", ["x", "xs", "xz"], ["xf"]);
            m.AddNode("MaxPool", ["xf"], ["yf"], attributes);
            m.AddNode("QuantizeLinear", ["yf", "xs", "xz"], ["y"]);
        }

        AssertSameAsOnnx(tflite, m.Build(), [1, h, w, c], [1, oh, ow, c], seed: 3);
    }

    [Fact]
    public void Softmax_equals_QLinearSoftmax()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 10], 0.12f, 3);
        var y = b.Int8("y", [1, 10], 1f / 256, -128);
        b.AddOperator(BuiltinOperator.Softmax, [x], [y], BuiltinOptionsType.Softmax, Softmax(1f));
        var tflite = b.Inputs(x).Outputs(y).Build();

        var m = new OnnxModelBuilder("softmax").AddInput("x", OnnxElementType.Int8, 1, 10).AddOutput("y", OnnxElementType.Int8, 1, 10);
        Scalars(m, ("xs", 0.12f, "xz", 3), ("ys", 1f / 256, "yz", -128));
        m.AddNode("QLinearSoftmax", ["x", "xs", "xz", "ys", "yz"], ["y"], [OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("opset", 13)], OnnxModelBuilder.MicrosoftDomain);

        var input = TfliteTestModels.Values(new Random(12), 10);
        Assert.Equal(RunOnnx(m.Build(), [input]), Run(tflite, input));
    }

    [Fact]
    public void Concatenation_on_the_channel_axis_equals_QLinearConcat()
    {
        var b = new TfliteModelBuilder();
        var p = b.Int8("p", [1, 2, 3, 2], 0.05f, 1);
        var q = b.Int8("q", [1, 2, 3, 3], 0.08f, -2);
        var y = b.Int8("y", [1, 2, 3, 5], 0.06f, 0);
        b.AddOperator(BuiltinOperator.Concatenation, [p, q], [y], BuiltinOptionsType.Concatenation, Concatenation(-1));
        var tflite = b.Inputs(p, q).Outputs(y).Build();

        var m = new OnnxModelBuilder("concat").AddInput("p", OnnxElementType.Int8, 1, 2, 2, 3).AddInput("q", OnnxElementType.Int8, 1, 3, 2, 3)
            .AddOutput("y", OnnxElementType.Int8, 1, 5, 2, 3);
        Scalars(m, ("ps", 0.05f, "pz", 1), ("qs", 0.08f, "qz", -2), ("ys", 0.06f, "yz", 0));
        m.AddNode("QLinearConcat", ["ys", "yz", "p", "ps", "pz", "q", "qs", "qz"], ["y"], [OnnxAttribute.Int("axis", 1)], OnnxModelBuilder.MicrosoftDomain);

        var pv = TfliteTestModels.Values(new Random(1), 12);
        var qv = TfliteTestModels.Values(new Random(2), 18);
        var expected = Permute(RunOnnx(m.Build(), [Permute(pv, [1, 2, 3, 2], [0, 3, 1, 2]), Permute(qv, [1, 2, 3, 3], [0, 3, 1, 2])]), [1, 5, 2, 3], [0, 2, 3, 1]);
        Assert.Equal(expected, Run(tflite, pv, qv));
    }

    [Fact]
    public void Pad_with_the_zero_point_then_valid_conv_equals_same_conv()
    {
        // TFLite pads a quantized tensor with its zero point, which is real 0: SAME padding by hand
        var random = new Random(21);
        var weights = TfliteTestModels.Values(random, 2 * 3 * 3 * 2);
        byte[] Build(bool explicitPad)
        {
            var b = new TfliteModelBuilder();
            var x = b.Int8("x", [1, 4, 4, 2], 0.05f, 7);
            var wt = b.Int8Constant("w", [2, 3, 3, 2], weights, [0.02f]);
            var y = b.Int8("y", [1, 4, 4, 2], 0.06f, -1);
            var source = x;
            if (explicitPad)
            {
                var paddings = b.Int32Constant("paddings", [4, 2], [0, 0, 1, 1, 1, 1, 0, 0]);
                source = b.Int8("padded", [1, 6, 6, 2], 0.05f, 7);
                b.AddOperator(BuiltinOperator.Pad, [x, paddings], [source], BuiltinOptionsType.Pad, Empty());
            }
            b.AddOperator(BuiltinOperator.Conv2D, [source, wt, -1], [y], BuiltinOptionsType.Conv2D, Conv2D(explicitPad ? Valid : Same, 1, 1));
            return b.Inputs(x).Outputs(y).Build();
        }
        var input = TfliteTestModels.Values(new Random(3), 32);

        Assert.Equal(Run(Build(explicitPad: false), input), Run(Build(explicitPad: true), input));
    }

    [Fact]
    public void Requantize_follows_tflite_fixed_point_rounding()
    {
        // scale 0.5 → 1: the multiplier 0.5 is 2^30 * 2^-31 with shift 0, so only the saturating rounding
        // doubling high multiply rounds, and it sends ties toward +infinity: -1.5 → -1, -0.5 → 0, 0.5 → 1,
        // 1.5 → 2, 2.5 → 3; then + zero point 10
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 6], 0.5f, 0);
        var y = b.Int8("y", [1, 6], 1f, 10);
        b.AddOperator(BuiltinOperator.Quantize, [x], [y], BuiltinOptionsType.Quantize, Empty());

        var output = Run(b.Inputs(x).Outputs(y).Build(), [-3, -1, 1, 3, 5, 100]);

        Assert.Equal(new sbyte[] { 9, 10, 11, 12, 13, 60 }, output);
    }

    [Fact]
    public void Dequantize_and_reshape_are_exact()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 2, 2, 1], 0.25f, -2);
        var flat = b.Int8("flat", [1, 4], 0.25f, -2);
        var y = b.Float32("y", [1, 4]);
        b.AddOperator(BuiltinOperator.Reshape, [x, b.Int32Constant("shape", [2], [1, 4])], [flat], BuiltinOptionsType.Reshape, Empty());
        b.AddOperator(BuiltinOperator.Dequantize, [flat], [y], BuiltinOptionsType.Dequantize, Empty());
        var graph = Compiler.Lower(TfliteImporter.Import(b.Inputs(x).Outputs(y).Build(), "dq"));

        var output = Interpreter.Run(graph, [TensorData.FromInt8([-2, 2, 6, -128])]).Single().ToFloats();

        Assert.Equal(new[] { 0f, 1f, 2f, -31.5f }, output);
    }

    [Theory]
    [InlineData(BuiltinOperator.Relu, 0f, 1e9f)]
    [InlineData(BuiltinOperator.Relu6, 0f, 6f)]
    public void Standalone_relus_clamp_the_real_values(BuiltinOperator code, float min, float max)
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 5], 0.1f, -20);
        var y = b.Int8("y", [1, 5], 0.1f, -20);
        b.AddOperator(code, [x], [y]);

        var output = Run(b.Inputs(x).Outputs(y).Build(), [-128, -21, -20, 39, 127]);

        // real values -10.8, -0.1, 0, 5.9, 14.7 clamped to [min, max], back to q = real / 0.1 - 20
        var expected = new[] { -10.8f, -0.1f, 0f, 5.9f, 14.7f }.Select(r => (sbyte)Math.Round(Math.Clamp(r, min, max) / 0.1f - 20)).ToArray();
        Assert.Equal(expected, output);
    }

    private static void AssertSameAsOnnx(byte[] tflite, byte[] onnx, int[] inputNhwc, int[] outputNhwc, int seed)
    {
        var input = TfliteTestModels.Values(new Random(seed), inputNhwc.Aggregate(1, (p, d) => p * d));
        var onnxOutput = RunOnnx(onnx, [Permute(input, inputNhwc, [0, 3, 1, 2])]);
        int[] outputNchw = [outputNhwc[0], outputNhwc[3], outputNhwc[1], outputNhwc[2]];
        Assert.Equal(Permute(onnxOutput, outputNchw, [0, 2, 3, 1]), Run(tflite, input));
    }

    private static byte[] QLinearConv(int[] inputNchw, sbyte[] weights, int[] weightShape, float[] weightScales, int[] bias,
        float xs, int xz, float ys, int yz, int group, Padding2D pads, int stride, int dilation)
    {
        var window = new Window2D(weightShape[2], weightShape[3], stride, stride, dilation, dilation, pads);
        var (oh, ow) = (window.OutputHeight(inputNchw[2]), window.OutputWidth(inputNchw[3]));
        var m = new OnnxModelBuilder("conv").AddInput("x", OnnxElementType.Int8, inputNchw.Select(d => (long)d).ToArray())
            .AddOutput("y", OnnxElementType.Int8, 1, weightShape[0], oh, ow);
        m.AddInitializer("w", weights, weightShape.Select(d => (long)d).ToArray());
        m.AddInitializer("ws", weightScales, weightScales.Length);
        m.AddInitializer("wz", new sbyte[weightScales.Length], weightScales.Length);
        m.AddInitializer("b", bias, bias.Length);
        Scalars(m, ("xs", xs, "xz", xz), ("ys", ys, "yz", yz));
        m.AddNode("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"], ["y"],
        [
            OnnxAttribute.Ints("pads", pads.Top, pads.Left, pads.Bottom, pads.Right), OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("dilations", dilation, dilation), OnnxAttribute.Int("group", group),
        ]);
        return m.Build();
    }

    private static void Scalars(OnnxModelBuilder m, params (string Scale, float ScaleValue, string Zero, int ZeroValue)[] pairs)
    {
        foreach (var p in pairs)
        {
            m.AddInitializer(p.Scale, [p.ScaleValue]);
            m.AddInitializer(p.Zero, [(sbyte)p.ZeroValue]);
        }
    }

    private static sbyte[] Run(byte[] tflite, params sbyte[][] inputs) =>
        Interpreter.Run(Compiler.Lower(TfliteImporter.Import(tflite, "tflite")), inputs.Select(i => TensorData.FromInt8(i)).ToList()).Single().ToInt8();

    private static sbyte[] RunOnnx(byte[] onnx, sbyte[][] inputs) =>
        Interpreter.Run(Compiler.Lower(OnnxImporter.Import(onnx, "onnx")), inputs.Select(i => TensorData.FromInt8(i)).ToList()).Single().ToInt8();

    /// <summary>output[i] = input[j] where output axis k is input axis perm[k].</summary>
    internal static sbyte[] Permute(sbyte[] input, int[] shape, int[] perm)
    {
        var outShape = perm.Select(p => shape[p]).ToArray();
        var inStrides = Strides(shape);
        var result = new sbyte[input.Length];
        var index = new int[shape.Length];
        for (var flat = 0; flat < result.Length; flat++)
        {
            var rest = flat;
            for (var k = outShape.Length - 1; k >= 0; k--)
            {
                index[k] = rest % outShape[k];
                rest /= outShape[k];
            }
            var source = 0;
            for (var k = 0; k < perm.Length; k++) source += index[k] * inStrides[perm[k]];
            result[flat] = input[source];
        }
        return result;
    }

    private static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        var s = 1;
        for (var k = shape.Length - 1; k >= 0; k--)
        {
            strides[k] = s;
            s *= shape[k];
        }
        return strides;
    }
}
