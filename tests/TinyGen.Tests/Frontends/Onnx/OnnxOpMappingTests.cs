using TinyGen.Tests.Support;
using TinyGen.Frontends.Onnx;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;
using static TinyGen.Tests.Frontends.Onnx.TestOnnxModel;

namespace TinyGen.Tests.Frontends.Onnx;

/// <summary>One small hand-built model per mapping rule; expected values follow from the ONNX spec.</summary>
public sealed class OnnxOpMappingTests
{
    private static TestOnnxModel ConvModel(params AttributeProto[] attributes)
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 4L, 8L, 8L).Floats("w", [6, 2, 3, 5], new float[6 * 2 * 3 * 5]).Floats("b", [6], new float[6]).Output("y");
        m.Node("Conv", ["x", "w", "b"], ["y"], "conv", "", attributes);
        return m;
    }

    [Fact]
    public void ConvMapsGeometryAndTakesTheKernelFromTheWeights()
    {
        var g = ConvModel(Ints("pads", 1, 2, 3, 4), Ints("strides", 2, 1), Ints("dilations", 1, 2), Int("group", 2)).Import();
        var conv = g.Op<Conv2D>("conv");
        Assert.Equal(new Window2D(3, 5, 2, 1, 1, 2, new Padding2D(1, 2, 3, 4)), conv.Window);
        Assert.Equal(2, conv.Groups);
        Assert.Equal(("x", "w", "b", "y"), (conv.Input, conv.Weights, conv.Bias, conv.Output));
        Assert.Equal(Layout.Nchw, conv.Layout);
        Assert.Equal(FusedActivation.None, conv.Activation);
    }

    [Fact]
    public void ConvAutoPadIsKept()
    {
        var conv = ConvModel(Str("auto_pad", "SAME_UPPER"), Ints("kernel_shape", 3, 5)).Import().Op<Conv2D>("conv");
        Assert.Equal(AutoPad.SameUpper, conv.Window.AutoPad);
    }

    [Fact]
    public void OneDimensionalConvIsAClearError()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 4L, 8L).Floats("w", [2, 4, 3], new float[24]).Output("y");
        m.Node("Conv", ["x", "w"], ["y"], "conv1d");
        var message = m.ImportError();
        Assert.Contains("node 'conv1d'", message);
        Assert.Contains("1-D", message);
    }

    [Fact]
    public void QdqConvPutsQuantizationOnTheQuantizedTensors()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L, 4L, 4L)
            .Int8s("wq", [3, 2, 1, 1], 1, 2, 3, 4, 5, 6).Floats("ws", [3], 0.5f, 0.25f, 0.125f).Int8s("wz", [3], 0, 0, 0)
            .ScaleZp("xq", 0.1f, -3).Output("y");
        m.Node("QuantizeLinear", ["x", "xq_scale", "xq_zp"], ["xi"], "q");
        m.Node("DequantizeLinear", ["xi", "xq_scale", "xq_zp"], ["xf"], "dq");
        m.Node("DequantizeLinear", ["wq", "ws", "wz"], ["wf"], "dqw", "", Int("axis", 0));
        m.Node("Conv", ["xf", "wf"], ["y"], "conv");
        var g = m.Import();
        Assert.Equal(ElementType.Int8, g["xi"].Type);
        Assert.Equal(Quantization.PerTensor(0.1f, -3), g["xi"].Quantization);
        Assert.Equal(ElementType.Float32, g["xf"].Type);
        var wq = g["wq"].Quantization!;
        Assert.Equal([0.5f, 0.25f, 0.125f], wq.Scales.ToArray());
        Assert.Equal(0, wq.Axis);
        Assert.Equal([1, 1], (g.Op<Conv2D>("conv").Window is var w ? new[] { w.KernelH, w.KernelW } : null));
    }

    [Fact]
    public void QuantizeWithoutZeroPointIsUInt8AndNegativeAxisIsNormalized()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 3L, 2L).Floats("s", [], 0.5f).Floats("sa", [3], 1f, 2f, 3f).Output("y").Output("z");
        m.Node("QuantizeLinear", ["x", "s"], ["y"], "q");
        m.Node("QuantizeLinear", ["x", "sa"], ["z"], "qa", "", Int("axis", -2));
        var g = m.Import();
        Assert.Equal(ElementType.UInt8, g["y"].Type);
        Assert.Equal(Quantization.PerTensor(0.5f, 0), g["y"].Quantization);
        Assert.Equal(1, g["z"].Quantization!.Axis);
    }

    [Fact]
    public void ConflictingQuantizationIsAnErrorButIdenticalIsFine()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 4L).ScaleZp("a", 0.5f, 0).ScaleZp("b", 0.25f, 0).Output("y1").Output("y2");
        m.Node("QuantizeLinear", ["x", "a_scale", "a_zp"], ["xi"], "q");
        m.Node("DequantizeLinear", ["xi", "a_scale", "a_zp"], ["y1"], "same");
        m.Node("DequantizeLinear", ["xi", "b_scale", "b_zp"], ["y2"], "other");
        var message = m.ImportError();
        Assert.Contains("node 'other'", message);
        Assert.Contains("'xi'", message);

        var ok = new TestOnnxModel().Input("x", Float, 1L, 4L).ScaleZp("a", 0.5f, 0).Floats("a2", [1], 0.5f).Output("y1").Output("y2");
        ok.Node("QuantizeLinear", ["x", "a_scale", "a_zp"], ["xi"], "q");
        ok.Node("DequantizeLinear", ["xi", "a_scale", "a_zp"], ["y1"], "dq1");
        ok.Node("DequantizeLinear", ["xi", "a2", "a_zp"], ["y2"], "dq2"); // a [1]-shaped copy of the same scale
        Assert.Equal(Quantization.PerTensor(0.5f, 0), ok.Import()["xi"].Quantization);
    }

    [Fact]
    public void BlockedAndUnsupportedQuantizedTypesAreRejected()
    {
        var blocked = new TestOnnxModel(21).Input("x", Float, 2L, 4L).Floats("s", [2, 2], 1, 1, 1, 1).Output("y");
        blocked.Node("QuantizeLinear", ["x", "s"], ["y"], "qb", "", Int("block_size", 2));
        Assert.Contains("blocked quantization is not supported", blocked.ImportError());

        var int16 = new TestOnnxModel(21).Input("x", Float, 1L, 4L).Floats("s", [], 1f).Initializer(Raw("z", 5 /* INT16 */, [], [0, 0])).Output("y");
        int16.Node("QuantizeLinear", ["x", "s", "z"], ["y"], "q16");
        var message = int16.ImportError();
        Assert.Contains("node 'q16' (op ai.onnx::QuantizeLinear)", message);
        Assert.Contains("int16 is not supported; TinyGen supports int8 and uint8", message);
    }

    [RequiresModelsFact]
    public void NodeTestModelsWithInt4AndUInt16NameTheNodeAndType()
    {
        foreach (var (test, type) in new[] { ("test_quantizelinear_int4", "int4"), ("test_dequantizelinear_uint4", "uint4"), ("test_dequantizelinear_uint16", "uint16"), ("test_quantizelinear_int16", "int16") })
        {
            var e = Assert.Throws<TinyGen.Diagnostics.TinyGenException>(() => OnnxImporter.Import(TestPaths.ModelPath($"onnx-node-tests/{test}/model.onnx")));
            Assert.Contains("node '", e.Message);
            Assert.Contains($"{type} is not supported; TinyGen supports int8 and uint8", e.Message);
        }
        var blocked = Assert.Throws<TinyGen.Diagnostics.TinyGenException>(() => OnnxImporter.Import(TestPaths.ModelPath("onnx-node-tests/test_dequantizelinear_blocked/model.onnx")));
        Assert.Contains("blocked quantization is not supported", blocked.Message);
    }

    private static TestOnnxModel QLinearConvModel(string? scaleSource = null)
    {
        var m = new TestOnnxModel(10).Input("x", UInt8, 1L, 2L, 5L, 5L)
            .Floats("xs", [], 0.5f).UInt8s("xz", [], 128)
            .Int8s("w", [2, 2, 3, 3], new sbyte[36]).Floats("ws", [2], 0.25f, 0.125f).Int8s("wz", [2], 0, 0)
            .Floats("ys", [], 2f).UInt8s("yz", [], 10).Int32s("b", [2], 7, -7).Output("y");
        if (scaleSource is not null) m.Input(scaleSource, Float);
        m.Node("QLinearConv", ["x", scaleSource ?? "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"], ["y"], "qconv", "", Ints("pads", 1, 1, 1, 1));
        return m;
    }

    [Fact]
    public void QLinearConvAttachesPerChannelQuantization()
    {
        var g = QLinearConvModel().Import();
        var conv = g.Op<Conv2D>("qconv");
        Assert.Equal(("x", "w", "b", "y"), (conv.Input, conv.Weights, conv.Bias, conv.Output));
        Assert.Equal(new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), conv.Window);
        Assert.Equal(Quantization.PerTensor(0.5f, 128), g["x"].Quantization);
        Assert.Equal(new Quantization([0.25f, 0.125f], [0, 0], 0), g["w"].Quantization);
        Assert.Equal(Quantization.PerTensor(2f, 10), g["y"].Quantization);
        Assert.Equal(ElementType.UInt8, g["y"].Type);
        Assert.Equal(new Quantization([0.125f, 0.0625f], [0], 0), g["b"].Quantization);
    }

    [Fact]
    public void QLinearConvScaleMustBeConstant()
    {
        var message = QLinearConvModel(scaleSource: "dynamic_scale").ImportError();
        Assert.Contains("node 'qconv' (op ai.onnx::QLinearConv)", message);
        Assert.Contains("'dynamic_scale'", message);
        Assert.Contains("constant", message);
    }

    [Fact]
    public void MatMulTransposesConstantWeightsForFullyConnected()
    {
        var m = new TestOnnxModel().Input("a", Float, 1L, 3L).Floats("B", [3, 2], 1, 2, 3, 4, 5, 6).Output("y");
        m.Node("MatMul", ["a", "B"], ["y"], "mm");
        var g = m.Import();
        Assert.Equal(2, g.Operations.Length);
        var t = Assert.IsType<Transpose>(g.Operations[0]);
        Assert.Equal("B", t.Input);
        Assert.Equal([1, 0], t.Perm.ToArray());
        var fc = Assert.IsType<FullyConnected>(g.Operations[1]);
        Assert.Equal(("a", t.Output, (string?)null, "y"), (fc.Input, fc.Weights, fc.Bias, fc.Output));
        Assert.NotEqual("B", t.Output);
        Assert.Equal(ElementType.Float32, g[t.Output].Type);
    }

    [Fact]
    public void MatMulWithTwoVariableInputsIsRejected()
    {
        var m = new TestOnnxModel().Input("a", Float, 1L, 3L).Input("b", Float, 3L, 2L).Output("y");
        m.Node("MatMul", ["a", "b"], ["y"], "mm");
        var message = m.ImportError();
        Assert.Contains("node 'mm'", message);
        Assert.Contains("MatMul with two variable inputs is not supported", message);
    }

    [Fact]
    public void GemmWithTransposedWeightsNeedsNoTransposeAndChecksItsAttributes()
    {
        TestOnnxModel Gemm(params AttributeProto[] attributes)
        {
            var m = new TestOnnxModel().Input("a", Float, 1L, 3L).Floats("B", [2, 3], new float[6]).Floats("C", [2], 1, 2).Output("y");
            m.Node("Gemm", ["a", "B", "C"], ["y"], "gemm", "", attributes);
            return m;
        }
        var fc = Assert.IsType<FullyConnected>(Assert.Single(Gemm(Int("transB", 1)).Import().Operations));
        Assert.Equal(("B", "C"), (fc.Weights, fc.Bias));
        Assert.Contains("transA", Gemm(Int("transA", 1), Int("transB", 1)).ImportError());
        Assert.Contains("alpha", Gemm(Flt("alpha", 2f)).ImportError());
        Assert.Contains("beta", Gemm(Flt("beta", 0.5f)).ImportError());
    }

    [Fact]
    public void QLinearMatMulKeepsPerColumnScalesOnTheOriginalWeights()
    {
        var m = new TestOnnxModel().Input("a", Int8, 1L, 3L).ScaleZp("a", 0.5f, 1)
            .Int8s("b", [3, 2], 1, 2, 3, 4, 5, 6).Floats("bs", [2], 0.25f, 0.5f).Int8s("bz", [1], 0)
            .ScaleZp("y", 1f, -2).Output("y");
        m.Node("QLinearMatMul", ["a", "a_scale", "a_zp", "b", "bs", "bz", "y_scale", "y_zp"], ["y"], "qmm");
        var g = m.Import();
        Assert.Equal(new Quantization([0.25f, 0.5f], [0, 0], 1), g["b"].Quantization);
        Assert.Equal(Quantization.PerTensor(0.5f, 1), g["a"].Quantization);
        Assert.Equal(Quantization.PerTensor(1f, -2), g["y"].Quantization);
        var fc = g.Op<FullyConnected>("qmm");
        Assert.Equal("b", Assert.IsType<Transpose>(g.Producer(fc.Weights)).Input);
    }

    [Fact]
    public void BinaryOpsAndMicrosoftQLinearAdd()
    {
        var m = new TestOnnxModel(13, microsoftOpset: 1).Input("a", Float, 1L, 4L).Input("b", Float, 1L, 4L).Input("qa", Int8, 1L, 4L)
            .ScaleZp("s1", 0.5f, 0).ScaleZp("s2", 0.25f, 1).ScaleZp("s3", 1f, -1).Int8s("qb", [4], 1, 2, 3, 4)
            .Output("add").Output("sub").Output("mul").Output("qadd");
        m.Node("Add", ["a", "b"], ["add"], "n_add");
        m.Node("Sub", ["a", "b"], ["sub"], "n_sub");
        m.Node("Mul", ["a", "b"], ["mul"], "n_mul");
        m.Node("QLinearAdd", ["qa", "s1_scale", "s1_zp", "qb", "s2_scale", "s2_zp", "s3_scale", "s3_zp"], ["qadd"], "n_qadd", "com.microsoft");
        var g = m.Import();
        Assert.Equal(BinaryKind.Add, g.Op<Binary>("n_add").Op);
        Assert.Equal(BinaryKind.Sub, g.Op<Binary>("n_sub").Op);
        Assert.Equal(BinaryKind.Mul, g.Op<Binary>("n_mul").Op);
        Assert.Equal(BinaryKind.Add, g.Op<Binary>("n_qadd").Op);
        Assert.Equal(Quantization.PerTensor(0.25f, 1), g["qb"].Quantization);
        Assert.Equal(Quantization.PerTensor(1f, -1), g["qadd"].Quantization);
        Assert.Equal(ElementType.Int8, g["qadd"].Type);
    }

    private static TestOnnxModel PoolModel(string op, params AttributeProto[] attributes)
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L, 6L, 6L).Output("y");
        m.Node(op, ["x"], ["y"], "pool", "", attributes);
        return m;
    }

    [Fact]
    public void PoolsMapAndRejectWhatTheKernelsCannotDo()
    {
        var max = PoolModel("MaxPool", Ints("kernel_shape", 2, 3), Ints("strides", 2, 2)).Import().Op<Pool2D>("pool");
        Assert.Equal((PoolKind.Max, false, Layout.Nchw), (max.Pool, max.Global, max.Layout));
        Assert.Equal(new Window2D(2, 3, 2, 2), max.Window);

        Assert.Contains("ceil_mode", PoolModel("MaxPool", Ints("kernel_shape", 2, 2), Int("ceil_mode", 1)).ImportError());
        Assert.Contains("dilations", PoolModel("MaxPool", Ints("kernel_shape", 2, 2), Ints("dilations", 2, 2)).ImportError());
        Assert.Contains("count_include_pad", PoolModel("AveragePool", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1), Int("count_include_pad", 1)).ImportError());
        var avg = PoolModel("AveragePool", Ints("kernel_shape", 3, 3), Int("count_include_pad", 1)).Import().Op<Pool2D>("pool");
        Assert.Equal(PoolKind.Average, avg.Pool);

        var global = PoolModel("GlobalAveragePool").Import().Op<Pool2D>("pool");
        Assert.Equal((PoolKind.Average, true), (global.Pool, global.Global));
        Assert.Equal("GlobalAveragePool", global.Kind);

        var indices = new TestOnnxModel().Input("x", Float, 1L, 2L, 6L, 6L).Output("y").Output("i");
        indices.Node("MaxPool", ["x"], ["y", "i"], "mp", "", Ints("kernel_shape", 2, 2));
        Assert.Contains("Indices", indices.ImportError());
    }

    [Fact]
    public void QLinearAveragePoolChannelsLastIsNhwc()
    {
        var m = new TestOnnxModel(13, microsoftOpset: 1).Input("x", Int8, 1L, 6L, 6L, 2L).ScaleZp("i", 0.5f, 0).ScaleZp("o", 0.25f, 3).Output("y").Output("g");
        m.Node("QLinearAveragePool", ["x", "i_scale", "i_zp", "o_scale", "o_zp"], ["y"], "qap", "com.microsoft", Ints("kernel_shape", 2, 2), Int("channels_last", 1));
        m.Node("QLinearGlobalAveragePool", ["x", "i_scale", "i_zp", "o_scale", "o_zp"], ["g"], "qgap", "com.microsoft");
        var g = m.Import();
        Assert.Equal(Layout.Nhwc, g.Op<Pool2D>("qap").Layout);
        Assert.Equal(Layout.Nchw, g.Op<Pool2D>("qgap").Layout);
        Assert.True(g.Op<Pool2D>("qgap").Global);
        Assert.Equal(Quantization.PerTensor(0.25f, 3), g["y"].Quantization);
        Assert.Equal(Quantization.PerTensor(0.5f, 0), g["x"].Quantization);
    }

    [Theory]
    [InlineData(13, null, 2, -1)]
    [InlineData(13, 1L, 4, 1)]
    [InlineData(11, null, 2, 1)]   // default axis 1 of a rank-2 input is the last axis
    [InlineData(11, -1L, 4, -1)]
    [InlineData(11, 3L, 4, 3)]
    public void SoftmaxAxisFollowsTheOpset(int opset, long? axis, int rank, int expected)
    {
        var dims = Enumerable.Repeat((object)2L, rank).ToArray();
        var m = new TestOnnxModel(opset).Input("x", Float, dims).Output("y");
        m.Node("Softmax", ["x"], ["y"], "sm", "", axis is { } a ? [Int("axis", a)] : []);
        Assert.Equal(expected, m.Import().Op<Softmax>("sm").Axis);
    }

    [Fact]
    public void OldSoftmaxThatFlattensSeveralAxesIsRejected()
    {
        var m = new TestOnnxModel(11).Input("x", Float, 1L, 3L, 4L).Output("y");
        m.Node("Softmax", ["x"], ["y"], "sm");
        Assert.Contains("node 'sm'", m.ImportError());

        // ...unless the axes it flattens besides the last are all 1.
        var ok = new TestOnnxModel(11).Input("x", Float, 2L, 1L, 4L).Output("y");
        ok.Node("Softmax", ["x"], ["y"], "sm");
        Assert.Equal(-1, ok.Import().Op<Softmax>("sm").Axis);
    }

    [Fact]
    public void ConcatAndQLinearConcat()
    {
        var m = new TestOnnxModel(13, microsoftOpset: 1).Input("a", Int8, 1L, 2L).Input("b", Int8, 1L, 3L)
            .ScaleZp("y", 0.5f, 0).ScaleZp("a", 0.25f, 1).ScaleZp("b", 1f, 2).Output("c").Output("q");
        m.Node("Concat", ["a", "b"], ["c"], "cat", "", Int("axis", -1));
        m.Node("QLinearConcat", ["y_scale", "y_zp", "a", "a_scale", "a_zp", "b", "b_scale", "b_zp"], ["q"], "qcat", "com.microsoft", Int("axis", 1));
        var g = m.Import();
        var cat = g.Op<Concat>("cat");
        Assert.Equal(-1, cat.Axis);
        Assert.Equal(["a", "b"], cat.Parts.ToArray());
        Assert.Equal(["a", "b"], g.Op<Concat>("qcat").Parts.ToArray());
        Assert.Equal(Quantization.PerTensor(1f, 2), g["b"].Quantization);
        Assert.Equal(Quantization.PerTensor(0.5f, 0), g["q"].Quantization);
    }

    [Fact]
    public void ReshapeFamily()
    {
        var m = new TestOnnxModel(13).Input("x", Float, 1L, 2L, 1L, 3L).Int64s("shape", [2], 0, -1).Int64s("axes", [1], 2).Output("r").Output("f").Output("s").Output("u").Output("all");
        m.Node("Reshape", ["x", "shape"], ["r"], "reshape");
        m.Node("Flatten", ["x"], ["f"], "flatten", "", Int("axis", 2));
        m.Node("Squeeze", ["x", "axes"], ["s"], "squeeze");
        m.Node("Unsqueeze", ["x", "axes"], ["u"], "unsqueeze");
        m.Node("Squeeze", ["x"], ["all"], "squeeze_all");
        var g = m.Import();
        Assert.Equal(new long[] { 0, -1 }, Assert.IsType<ReshapeRule.Explicit>(g.Op<Reshape>("reshape").Rule).Shape.ToArray());
        Assert.Equal(2, Assert.IsType<ReshapeRule.Flatten>(g.Op<Reshape>("flatten").Rule).Axis);
        Assert.Equal([2], Assert.IsType<ReshapeRule.Squeeze>(g.Op<Reshape>("squeeze").Rule).Axes.ToArray());
        Assert.Equal([2], Assert.IsType<ReshapeRule.Unsqueeze>(g.Op<Reshape>("unsqueeze").Rule).Axes.ToArray());
        Assert.Empty(Assert.IsType<ReshapeRule.Squeeze>(g.Op<Reshape>("squeeze_all").Rule).Axes);

        var old = new TestOnnxModel(11).Input("x", Float, 1L, 2L, 1L).Output("s");
        old.Node("Squeeze", ["x"], ["s"], "sq", "", Ints("axes", 2));
        Assert.Equal([2], Assert.IsType<ReshapeRule.Squeeze>(old.Import().Op<Reshape>("sq").Rule).Axes.ToArray());

        var variable = new TestOnnxModel(13).Input("x", Float, 1L, 6L).Input("shape", I64, 2L).Output("r");
        variable.Node("Reshape", ["x", "shape"], ["r"], "dyn");
        Assert.Contains("'shape'", variable.ImportError());

        var allowZero = new TestOnnxModel(14).Input("x", Float, 1L, 6L).Int64s("shape", [2], 2, 3).Output("r");
        allowZero.Node("Reshape", ["x", "shape"], ["r"], "az", "", Int("allowzero", 1));
        Assert.Contains("allowzero", allowZero.ImportError());
    }

    [Fact]
    public void TransposeWithoutPermReversesTheAxes()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L, 3L).Output("y").Output("z");
        m.Node("Transpose", ["x"], ["y"], "rev");
        m.Node("Transpose", ["x"], ["z"], "perm", "", Ints("perm", 0, 2, 1));
        var g = m.Import();
        Assert.Equal([2, 1, 0], g.Op<Transpose>("rev").Perm.ToArray());
        Assert.Equal([0, 2, 1], g.Op<Transpose>("perm").Perm.ToArray());
    }

    [Fact]
    public void ActivationsIdentityConstantAndPad()
    {
        var m = new TestOnnxModel(13).Input("x", Float, 1L, 2L, 2L, 2L)
            .Floats("zero", [], 0f).Floats("six", [], 6f).Floats("lo", [], -1.5f)
            .Int64s("pads", [8], 0, 0, 1, 1, 0, 0, 2, 2).Floats("pv", [], 3f)
            .Output("relu").Output("relu6").Output("clip").Output("id").Output("drop").Output("sum").Output("pad");
        m.Node("Relu", ["x"], ["relu"], "n_relu");
        m.Node("Clip", ["x", "zero", "six"], ["relu6"], "n_relu6");
        m.Node("Clip", ["x", "lo"], ["clip"], "n_clip");
        m.Node("Identity", ["x"], ["id"], "n_id");
        m.Node("Dropout", ["x"], ["drop"], "n_drop");
        var constant = new TensorProto { DataType = Float };
        constant.FloatData.Add(2.5f);
        m.Node("Constant", [], ["c"], "n_const", "", new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = constant });
        m.Node("Add", ["x", "c"], ["sum"], "n_add");
        m.Node("Pad", ["x", "pads", "pv"], ["pad"], "n_pad");
        var g = m.Import();
        Assert.Equal(FusedActivation.Relu, g.Op<Activation>("n_relu").Clamp);
        Assert.Equal(FusedActivation.Relu6, g.Op<Activation>("n_relu6").Clamp);
        Assert.Equal(new FusedActivation(-1.5f, float.PositiveInfinity), g.Op<Activation>("n_clip").Clamp);
        Assert.IsType<Identity>(g.Operations.Single(o => o.Name == "n_id"));
        Assert.IsType<Identity>(g.Operations.Single(o => o.Name == "n_drop"));
        Assert.DoesNotContain(g.Operations, o => o.Name == "n_const");
        Assert.Equal([2.5f], g["c"].Data!.ToFloats());
        Assert.Empty(g["c"].Shape);
        var pad = g.Op<Pad>("n_pad");
        Assert.Equal([0, 0, 1, 1, 0, 0, 2, 2], pad.Pads.ToArray());
        Assert.Equal(3f, pad.Value);
    }

    [Fact]
    public void OldClipReadsAttributesAndIntegerClipIsRejected()
    {
        var old = new TestOnnxModel(6).Input("x", Float, 1L, 2L).Output("y");
        old.Node("Clip", ["x"], ["y"], "c", "", Flt("min", -1f), Flt("max", 1f));
        Assert.Equal(new FusedActivation(-1f, 1f), old.Import().Op<Activation>("c").Clamp);

        var integer = new TestOnnxModel(13).Input("x", Int8, 1L, 2L).Output("y");
        integer.Node("Relu", ["x"], ["y"], "r");
        Assert.Contains("node 'r'", integer.ImportError());

        var reflect = new TestOnnxModel(13).Input("x", Float, 1L, 2L).Int64s("pads", [4], 0, 1, 0, 1).Output("y");
        reflect.Node("Pad", ["x", "pads"], ["y"], "p", "", Str("mode", "reflect"));
        Assert.Contains("reflect", reflect.ImportError());
    }
    [Fact]
    public void SigmoidHardSwishQLinearSigmoidAndReduceMean()
    {
        var m = new TestOnnxModel(18, microsoftOpset: 1).Input("x", Float, 1L, 3L, 4L, 5L).Input("q", Int8, 1L, 6L)
            .ScaleZp("sx", 0.1f, 3).ScaleZp("sy", 1f / 256, -128).Int64s("axes", [2], 2, -1)
            .Output("sig").Output("hs").Output("qsig").Output("mean").Output("mean_all");
        m.Node("Sigmoid", ["x"], ["sig"], "n_sig");
        m.Node("HardSwish", ["x"], ["hs"], "n_hs");
        m.Node("QLinearSigmoid", ["q", "sx_scale", "sx_zp", "sy_scale", "sy_zp"], ["qsig"], "n_qsig", "com.microsoft");
        m.Node("ReduceMean", ["x", "axes"], ["mean"], "n_mean", "", Int("keepdims", 0));
        m.Node("ReduceMean", ["x"], ["mean_all"], "n_mean_all");
        var g = m.Import();
        Assert.Equal(UnaryFunction.Logistic, g.Op<ElementwiseFunction>("n_sig").Function);
        Assert.Equal(UnaryFunction.HardSwish, g.Op<ElementwiseFunction>("n_hs").Function);
        Assert.Equal(UnaryFunction.Logistic, g.Op<ElementwiseFunction>("n_qsig").Function);
        Assert.Equal(Quantization.PerTensor(1f / 256, -128), g["qsig"].Quantization);
        var mean = g.Op<Mean>("n_mean");
        Assert.Equal([2, -1], mean.Axes.ToArray());
        Assert.False(mean.KeepDims);
        var all = g.Op<Mean>("n_mean_all");
        Assert.Equal([0, 1, 2, 3], all.Axes.ToArray());
        Assert.True(all.KeepDims);

        var old = new TestOnnxModel(13).Input("x", Float, 1L, 3L, 4L, 5L).Output("y");
        old.Node("ReduceMean", ["x"], ["y"], "n_old", "", Ints("axes", 2, 3));
        var oldMean = old.Import().Op<Mean>("n_old");
        Assert.Equal([2, 3], oldMean.Axes.ToArray());
        Assert.True(oldMean.KeepDims);

        var integer = new TestOnnxModel(13).Input("x", Int8, 1L, 2L).Output("y");
        integer.Node("Sigmoid", ["x"], ["y"], "s");
        Assert.Contains("node 's'", integer.ImportError());
    }

    [Fact]
    public void ReduceMeanAfterAConvReducesTheNhwcSpatialAxes()
    {
        var composer = new TinyGen.Frontends.Onnx.Building.QuantizedModelComposer();
        var x = composer.Conv(composer.Input([1, 3, 6, 6], 1), new TinyGen.Frontends.Onnx.Building.ConvSpec([1, 3, 6, 6], 4) { Seed = 2 });
        composer.Output(composer.ReduceMean(x, [2, 3], keepDims: true, seed: 3));
        var lowered = TinyGen.Compiler.Lower(OnnxImporter.Import(composer.Build().Onnx, "m"));
        var mean = lowered.Operations.OfType<Mean>().Single();
        Assert.Equal([1, 2], mean.Axes.ToArray());
        Assert.Equal([1, 1, 1, 4], lowered[mean.Output].Shape.ToArray());
    }
}
