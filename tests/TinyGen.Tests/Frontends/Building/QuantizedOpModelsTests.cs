using TinyGen.Frontends.Onnx.Building;
using TinyGen.Frontends.Onnx.Proto;

namespace TinyGen.Tests.Frontends.Building;

public class QuantizedOpModelsTests
{
    private const string DQ = "DequantizeLinear";
    private const string Q = "QuantizeLinear";
    private const int Int8Type = (int)TensorProto.Types.DataType.Int8;
    private const int UInt8Type = (int)TensorProto.Types.DataType.Uint8;
    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    private static readonly ConvSpec Conv3x3Relu = new([1, 3, 9, 9], 5) { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu };

    [Fact]
    public void QdqConv_IsDequantizeConvReluQuantize()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(Conv3x3Relu).Onnx);
        Assert.Equal([DQ, DQ, DQ, "Conv", "Relu", Q], d.OpTypes);
        ValueInfoProto input = Assert.Single(d.Graph.Input);
        Assert.Equal(("input", Int8Type), (input.Name, DecodedModel.ElemType(input)));
        Assert.Equal([1L, 3, 9, 9], DecodedModel.Shape(input));
        ValueInfoProto output = Assert.Single(d.Graph.Output);
        Assert.Equal(("output", Int8Type), (output.Name, DecodedModel.ElemType(output)));
        Assert.Equal([1L, 5, 9, 9], DecodedModel.Shape(output));
        Assert.Equal("output", d.Graph.Node.Last().Output.Single());

        NodeProto conv = d.Node("Conv");
        Assert.Equal([3L, 3], DecodedModel.Attribute(conv, "kernel_shape").Ints);
        Assert.Equal([1L, 1, 1, 1], DecodedModel.Attribute(conv, "pads").Ints);
        Assert.Equal(1, DecodedModel.Attribute(conv, "group").I);
        // Conv reads the dequantized input, weights and bias in that order.
        Assert.Equal(["input", "conv0_weight", "conv0_bias"], conv.Input.Select(i => d.Producer(i)!.Input[0]));
        Assert.Equal(0, DecodedModel.Attribute(d.Producer(conv.Input[1])!, "axis").I);
    }

    [Fact]
    public void PerChannelWeights_HaveScaleMaxAbsOver127AndSymmetricZeroPoints()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(Conv3x3Relu).Onnx);
        TensorProto weight = d.Initializer("conv0_weight");
        Assert.Equal(Int8Type, weight.DataType);
        Assert.Equal([5L, 3, 3, 3], weight.Dims);
        long[] q = d.Integers("conv0_weight");
        for (int c = 0; c < 5; c++)
        {
            // scale = max|w| / 127 puts every channel's largest weight exactly on ±127.
            Assert.Equal(127, q.Skip(c * 27).Take(27).Max(Math.Abs));
        }
        Assert.Equal(5, d.Floats("conv0_weight_scale").Length);
        Assert.All(d.Integers("conv0_weight_zero_point"), z => Assert.Equal(0, z));
        Assert.Equal(Int8Type, d.Initializer("conv0_weight_zero_point").DataType);
    }

    [Fact]
    public void Bias_IsInt32WithScaleInputTimesWeightScale()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(Conv3x3Relu).Onnx);
        Assert.Equal((int)TensorProto.Types.DataType.Int32, d.Initializer("conv0_bias").DataType);
        float inputScale = d.Float("input_scale");
        float[] weightScales = d.Floats("conv0_weight_scale");
        Assert.Equal(weightScales.Select(s => inputScale * s), d.Floats("conv0_bias_scale"));
        Assert.All(d.Integers("conv0_bias_zero_point"), z => Assert.Equal(0, z));
    }

    [Fact]
    public void PerTensorWeights_HaveOneScalarScale()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(Conv3x3Relu with { PerChannel = false }).Onnx);
        Assert.Empty(d.Initializer("conv0_weight_scale").Dims);
        Assert.Equal(127, d.Integers("conv0_weight").Max(Math.Abs));
        Assert.DoesNotContain(d.Producer("conv0_weight_dequantized")!.Attribute, a => a.Name == "axis");
    }

    [Fact]
    public void Relu_IsCalibratedIntoTheOutputRange()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(Conv3x3Relu).Onnx);
        Assert.Equal(-128, d.Integers("conv0_out_zero_point").Single());
    }

    [Fact]
    public void Relu6_UsesScale6Over255InBothForms()
    {
        var spec = Conv3x3Relu with { Activation = ConvActivation.Relu6 };
        var qdq = new DecodedModel(QuantizedOpModels.Conv(spec).Onnx);
        Assert.Equal([DQ, DQ, DQ, "Conv", "Clip", Q], qdq.OpTypes);
        NodeProto clip = qdq.Node("Clip");
        Assert.Equal(0f, qdq.Float(clip.Input[1]));
        Assert.Equal(6f, qdq.Float(clip.Input[2]));
        var qop = new DecodedModel(QuantizedOpModels.Conv(spec, QuantOptions.QOperator).Onnx);
        foreach (DecodedModel d in new[] { qdq, qop })
        {
            Assert.Equal(6f / 255f, d.Float("conv0_out_scale"));
            Assert.Equal(-128, d.Integers("conv0_out_zero_point").Single());
        }
    }

    [Fact]
    public void ClampInsideRange_KeepsAMidRangeZeroPoint_AndNeedsQdq()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(Conv3x3Relu, QuantOptions.Qdq with { ClampInsideRange = true }).Onnx);
        Assert.InRange(d.Integers("conv0_out_zero_point").Single(), -32, 32);
        Assert.Throws<ArgumentException>(() =>
            QuantizedOpModels.Conv(Conv3x3Relu, QuantOptions.QOperator with { ClampInsideRange = true }));
    }

    [Fact]
    public void QOperatorConv_IsOneQLinearConvWithNineInputs()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(Conv3x3Relu, QuantOptions.QOperator).Onnx);
        NodeProto node = Assert.Single(d.Graph.Node);
        Assert.Equal(("QLinearConv", ""), (node.OpType, node.Domain));
        Assert.Equal(
            ["input", "input_scale", "input_zero_point", "conv0_weight", "conv0_weight_scale", "conv0_weight_zero_point",
             "conv0_out_scale", "conv0_out_zero_point", "conv0_bias"],
            node.Input);
        Assert.Equal("output", node.Output.Single());
        Assert.Equal([""], d.Proto.OpsetImport.Select(o => o.Domain));
    }

    public static TheoryData<string, int[]> ConvShapes => new()
    {
        // Hand-computed: out = floor((in + pad_begin + pad_end - ((k - 1) * d + 1)) / s) + 1; SAME: ceil(in / s).
        { "dilated", [1, 6, 5, 9] },
        { "same_upper_stride2", [1, 4, 5, 4] },
        { "same_lower_k4_stride2", [1, 3, 4, 3] },
        { "depthwise_mult2_asymmetric_pads", [1, 8, 9, 7] },
        { "valid", [1, 2, 3, 2] },
    };

    private static ConvSpec ConvCase(string name) => name switch
    {
        "dilated" => new ConvSpec([1, 4, 11, 10], 6) { Kernel = (3, 2), Stride = (2, 1), Dilation = (2, 2), Pads = Padding2D.Explicit(2, 0, 1, 1) },
        "same_upper_stride2" => new ConvSpec([1, 3, 9, 8], 4) { Stride = (2, 2), Pads = Padding2D.SameUpper },
        "same_lower_k4_stride2" => new ConvSpec([1, 2, 7, 6], 3) { Kernel = (4, 4), Stride = (2, 2), Pads = Padding2D.SameLower, Bias = false },
        "depthwise_mult2_asymmetric_pads" => ConvSpec.Depthwise([1, 4, 8, 8], 2) with { Pads = Padding2D.Explicit(1, 0, 2, 1) },
        "valid" => new ConvSpec([1, 1, 5, 4], 2) { Pads = Padding2D.Valid },
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ConvShapes))]
    public void ConvOutputShape_MatchesHandComputed(string name, int[] expected)
    {
        foreach (QuantOptions options in new[] { QuantOptions.Qdq, QuantOptions.QOperator })
        {
            var d = new DecodedModel(QuantizedOpModels.Conv(ConvCase(name), options).Onnx);
            Assert.Equal(expected.Select(v => (long)v), DecodedModel.Shape(d.Graph.Output.Single()));
        }
    }

    [Fact]
    public void Depthwise_HasGroupEqualToChannelsAndOneInputChannelPerFilter()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(ConvCase("depthwise_mult2_asymmetric_pads")).Onnx);
        Assert.Equal(4, DecodedModel.Attribute(d.Node("Conv"), "group").I);
        Assert.Equal([8L, 1, 3, 3], d.Initializer("conv0_weight").Dims);
        Assert.Equal([1L, 0, 2, 1], DecodedModel.Attribute(d.Node("Conv"), "pads").Ints);
    }

    [Fact]
    public void AutoPad_IsWrittenAsString()
    {
        var d = new DecodedModel(QuantizedOpModels.Conv(ConvCase("same_lower_k4_stride2")).Onnx);
        NodeProto conv = d.Node("Conv");
        Assert.Equal("SAME_LOWER", DecodedModel.Attribute(conv, "auto_pad").S.ToStringUtf8());
        Assert.DoesNotContain(conv.Attribute, a => a.Name == "pads");
        Assert.Equal(2, conv.Input.Count); // no bias
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void Gemm_StoresWeightsByTransBWithMatchingChannelAxis(bool transB, int axis)
    {
        var d = new DecodedModel(QuantizedOpModels.FullyConnected(new FullyConnectedSpec(20, 7) { TransB = transB, PerChannel = true }).Onnx);
        Assert.Equal([DQ, DQ, DQ, "Gemm", Q], d.OpTypes);
        Assert.Equal(transB ? 1 : 0, DecodedModel.Attribute(d.Node("Gemm"), "transB").I);
        Assert.Equal(transB ? [7L, 20] : [20L, 7], d.Initializer("fc0_weight").Dims);
        Assert.Equal(axis, DecodedModel.Attribute(d.Producer("fc0_weight_dequantized")!, "axis").I);
        Assert.Equal([1L, 7], DecodedModel.Shape(d.Graph.Output.Single()));
    }

    [Fact]
    public void MatMulWithBias_IsMatMulThenAddOfAQuantizedConstant()
    {
        var spec = new FullyConnectedSpec(16, 5) { Op = FullyConnectedOp.MatMul, Batch = 2 };
        var qdq = new DecodedModel(QuantizedOpModels.FullyConnected(spec).Onnx);
        Assert.Equal([DQ, DQ, "MatMul", Q, DQ, DQ, "Add", Q], qdq.OpTypes);
        Assert.Equal([16L, 5], qdq.Initializer("fc0_weight").Dims);
        var qop = new DecodedModel(QuantizedOpModels.FullyConnected(spec, QuantOptions.QOperator).Onnx);
        Assert.Equal(["QLinearMatMul", "QLinearAdd"], qop.OpTypes);
        Assert.Equal([2L, 5], DecodedModel.Shape(qop.Graph.Output.Single()));
    }

    public static TheoryData<string, string[], string> QOperatorOps => new()
    {
        { "add", ["QLinearAdd"], "com.microsoft" },
        { "mul_scalar", ["QLinearMul"], "com.microsoft" },
        { "maxpool", ["MaxPool"], "" },
        { "avgpool", ["QLinearAveragePool"], "com.microsoft" },
        { "gap", ["QLinearGlobalAveragePool"], "com.microsoft" },
        { "softmax", ["QLinearSoftmax"], "com.microsoft" },
        { "concat", ["QLinearConcat"], "com.microsoft" },
        { "reshape", ["Reshape"], "" },
        { "flatten", ["Flatten"], "" },
        { "transpose", ["Transpose"], "" },
        { "matmul", ["QLinearMatMul"], "" },
    };

    public static TheoryData<string, string[]> QdqOps => new()
    {
        { "add", [DQ, DQ, "Add", Q] },
        { "mul_scalar", [DQ, DQ, "Mul", Q] },
        { "maxpool", [DQ, "MaxPool", Q] },
        { "avgpool", [DQ, "AveragePool", Q] },
        { "gap", [DQ, "GlobalAveragePool", Q] },
        { "softmax", [DQ, "Softmax", Q] },
        { "concat", [DQ, DQ, "Concat", Q] },
        { "reshape", [DQ, "Reshape", Q] },
        { "flatten", [DQ, "Flatten", Q] },
        { "transpose", [DQ, "Transpose", Q] },
        { "matmul", [DQ, DQ, "MatMul", Q] },
    };

    private static GeneratedModel OpCase(string name, QuantOptions options) => name switch
    {
        "add" => QuantizedOpModels.Binary(BinarySpec.SameShape(BinaryOp.Add, [1, 3, 4, 4]), options),
        "mul_scalar" => QuantizedOpModels.Binary(BinarySpec.Scalar(BinaryOp.Mul, [1, 3, 4, 4]), options),
        "maxpool" => QuantizedOpModels.Pool(new PoolSpec(PoolKind.Max, [1, 3, 7, 7]) { Kernel = (3, 3), Pads = Padding2D.Symmetric(1, 1) }, options),
        "avgpool" => QuantizedOpModels.Pool(new PoolSpec(PoolKind.Average, [1, 3, 7, 7]) { Kernel = (3, 3), Pads = Padding2D.Symmetric(1, 1) }, options),
        "gap" => QuantizedOpModels.GlobalAveragePool(new GlobalAveragePoolSpec([1, 5, 6, 4]), options),
        "softmax" => QuantizedOpModels.Softmax(new SoftmaxSpec([1, 12]), options),
        "concat" => QuantizedOpModels.Concat(new ConcatSpec([[1, 2, 4, 4], [1, 3, 4, 4]]), options),
        "reshape" => QuantizedOpModels.Reshape(new ReshapeSpec([1, 4, 3, 2], [1, -1]), options),
        "flatten" => QuantizedOpModels.Flatten(new FlattenSpec([1, 4, 3, 2]), options),
        "transpose" => QuantizedOpModels.Transpose(new TransposeSpec([1, 4, 3, 2], [0, 2, 3, 1]), options),
        "matmul" => QuantizedOpModels.FullyConnected(new FullyConnectedSpec(16, 5) { Op = FullyConnectedOp.MatMul, Bias = false }, options),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(QOperatorOps))]
    public void QOperatorForm_UsesTheIntegerOperator(string name, string[] ops, string domain)
    {
        var d = new DecodedModel(OpCase(name, QuantOptions.QOperator).Onnx);
        Assert.Equal(ops, d.OpTypes);
        Assert.Equal(domain, d.Graph.Node[0].Domain);
        Assert.Equal(domain == "com.microsoft", d.Proto.OpsetImport.Any(o => o.Domain == "com.microsoft" && o.Version == 1));
        Assert.All(d.Graph.Input.Concat(d.Graph.Output), v => Assert.Equal(Int8Type, DecodedModel.ElemType(v)));
    }

    [Theory]
    [MemberData(nameof(QdqOps))]
    public void QdqForm_WrapsTheFloatOperator(string name, string[] ops)
    {
        var d = new DecodedModel(OpCase(name, QuantOptions.Qdq).Onnx);
        Assert.Equal(ops, d.OpTypes);
        Assert.All(d.Graph.Node, n => Assert.Equal("", n.Domain));
        Assert.Single(d.Proto.OpsetImport);
    }

    public static TheoryData<string, int[]> OpShapes => new()
    {
        { "maxpool", [1, 3, 4, 4] }, // k3, default stride 2, pads 1: (7 + 1 + 1 - 3) / 2 + 1 = 4
        { "gap", [1, 5, 1, 1] },
        { "concat", [1, 5, 4, 4] },
        { "reshape", [1, 24] },
        { "flatten", [1, 24] },
        { "transpose", [1, 3, 2, 4] },
        { "softmax", [1, 12] },
        { "mul_scalar", [1, 3, 4, 4] },
    };

    [Theory]
    [MemberData(nameof(OpShapes))]
    public void OpOutputShape_MatchesHandComputed(string name, int[] expected)
    {
        var d = new DecodedModel(OpCase(name, QuantOptions.Qdq).Onnx);
        Assert.Equal(expected.Select(v => (long)v), DecodedModel.Shape(d.Graph.Output.Single()));
    }

    [Fact]
    public void PoolsAndDataMovement_KeepTheInputQuantization()
    {
        foreach (string name in new[] { "maxpool", "avgpool", "gap", "reshape", "flatten", "transpose" })
        {
            GeneratedModel m = OpCase(name, QuantOptions.QOperator);
            Assert.Equal(m.Inputs[0].Scale, m.Outputs[0].Scale);
            Assert.Equal(m.Inputs[0].ZeroPoint, m.Outputs[0].ZeroPoint);
        }
    }

    [Fact]
    public void AveragePool_WritesCountIncludePad()
    {
        var spec = new PoolSpec(PoolKind.Average, [1, 3, 7, 7]) { Kernel = (3, 3), Pads = Padding2D.Symmetric(1, 1), CountIncludePad = true };
        NodeProto node = new DecodedModel(QuantizedOpModels.Pool(spec).Onnx).Node("AveragePool");
        Assert.Equal(1, DecodedModel.Attribute(node, "count_include_pad").I);
        Assert.Equal([1L, 1, 1, 1], DecodedModel.Attribute(node, "pads").Ints);
    }

    [Theory]
    [InlineData(ActivationDataType.Int8, -128)]
    [InlineData(ActivationDataType.UInt8, 0)]
    public void Softmax_OutputIsScale1Over256AtTheBottomOfTheRange(ActivationDataType type, int zeroPoint)
    {
        GeneratedModel m = QuantizedOpModels.Softmax(new SoftmaxSpec([1, 12]), QuantOptions.QOperator with { Activations = type });
        Assert.Equal(0.00390625f, m.Outputs[0].Scale);
        Assert.Equal(zeroPoint, m.Outputs[0].ZeroPoint);
        NodeProto node = new DecodedModel(m.Onnx).Node("QLinearSoftmax");
        Assert.Equal(13, DecodedModel.Attribute(node, "opset").I);
        Assert.Equal(-1, DecodedModel.Attribute(node, "axis").I);
    }

    [Fact]
    public void QLinearConcat_ListsOutputQuantizationThenInputTriples()
    {
        NodeProto node = Assert.Single(new DecodedModel(OpCase("concat", QuantOptions.QOperator).Onnx).Graph.Node);
        Assert.Equal(["concat0_out_scale", "concat0_out_zero_point", "input0", "input0_scale", "input0_zero_point",
            "input1", "input1_scale", "input1_zero_point"], node.Input);
    }

    [Fact]
    public void SharedConcat_UsesOneQuantizationEverywhere()
    {
        GeneratedModel m = QuantizedOpModels.Concat(new ConcatSpec([[1, 2, 4, 4], [1, 3, 4, 4], [1, 1, 4, 4]]) { SharedQuantization = true });
        Assert.Single(m.Inputs.Concat(m.Outputs).Select(t => (t.Scale, t.ZeroPoint)).Distinct());
    }

    [Fact]
    public void PerChannelAndScalarBroadcast_AreConstants()
    {
        var perChannel = new DecodedModel(QuantizedOpModels.Binary(BinarySpec.PerChannel(BinaryOp.Add, [1, 3, 4, 4])).Onnx);
        Assert.Single(perChannel.Graph.Input);
        Assert.Equal([1L, 3, 1, 1], perChannel.Initializer("const0").Dims);
        var scalar = new DecodedModel(QuantizedOpModels.Binary(BinarySpec.Scalar(BinaryOp.Mul, [1, 3, 4, 4])).Onnx);
        Assert.Empty(scalar.Initializer("const0").Dims);
        var twoInputs = new DecodedModel(QuantizedOpModels.Binary(BinarySpec.SameShape(BinaryOp.Add, [1, 3, 4, 4])).Onnx);
        Assert.Equal(["input_a", "input_b"], twoInputs.Graph.Input.Select(i => i.Name));
    }

    [Fact]
    public void UInt8Activations_UseUInt8ZeroPointsButInt8Weights()
    {
        var options = QuantOptions.QOperator with { Activations = ActivationDataType.UInt8 };
        GeneratedModel m = QuantizedOpModels.Conv(Conv3x3Relu, options);
        var d = new DecodedModel(m.Onnx);
        Assert.Equal(UInt8Type, DecodedModel.ElemType(d.Graph.Input.Single()));
        Assert.Equal(UInt8Type, DecodedModel.ElemType(d.Graph.Output.Single()));
        Assert.Equal(UInt8Type, d.Initializer("input_zero_point").DataType);
        Assert.Equal(UInt8Type, d.Initializer("conv0_out_zero_point").DataType);
        Assert.Equal(0, d.Integers("conv0_out_zero_point").Single()); // Relu: bottom of [0, 255]
        Assert.InRange(m.Inputs[0].ZeroPoint, 96, 160);
        Assert.Equal(Int8Type, d.Initializer("conv0_weight").DataType);
        Assert.Equal(Int8Type, d.Initializer("conv0_weight_zero_point").DataType);
    }

    [Fact]
    public void FloatEdges_QuantizeTheInputAndDequantizeTheOutput()
    {
        GeneratedModel m = QuantizedOpModels.Conv(Conv3x3Relu, QuantOptions.QOperator with { Edges = ModelEdges.Float });
        var d = new DecodedModel(m.Onnx);
        Assert.Equal([Q, "QLinearConv", DQ], d.OpTypes);
        Assert.Equal(FloatType, DecodedModel.ElemType(d.Graph.Input.Single()));
        Assert.Equal(FloatType, DecodedModel.ElemType(d.Graph.Output.Single()));
        Assert.Equal("input", d.Graph.Node[0].Input[0]);
        Assert.Equal("output", d.Graph.Node[^1].Output[0]);

        // Float samples are exact multiples of the scale around the zero point, inside the int8 range.
        ModelTensorInfo input = m.Inputs[0];
        foreach (float v in m.SampleInputs[0].ToArray<float>())
        {
            double level = v / input.Scale + input.ZeroPoint;
            Assert.Equal(Math.Round(level), level, 3);
            Assert.InRange(level, -128.001, 127.001);
        }
    }

    [Fact]
    public void IntegerSample_SpansTheWholeRange()
    {
        GeneratedModel m = QuantizedOpModels.Conv(Conv3x3Relu);
        sbyte[] sample = m.SampleInputs[0].ToArray<sbyte>();
        Assert.Equal(3 * 9 * 9, sample.Length);
        Assert.True(sample.Min() <= -120 && sample.Max() >= 120, $"sample spans only [{sample.Min()}, {sample.Max()}]");
    }

    [Theory]
    [InlineData(MultiplierRange.Typical, 1e-4, 1e-2)]
    [InlineData(MultiplierRange.Tiny, 1e-8, 1.0 / (1 << 16))]
    [InlineData(MultiplierRange.Huge, 1.0, 100.0)]
    public void MultiplierRange_PutsConvMultipliersWhereDocumented(MultiplierRange range, double min, double max)
    {
        var spec = new ConvSpec([1, 3, 9, 9], 5) { Pads = Padding2D.Symmetric(1, 1) };
        foreach (QuantForm form in new[] { QuantForm.Qdq, QuantForm.QOperator })
        {
            var d = new DecodedModel(QuantizedOpModels.Conv(spec, new QuantOptions { Form = form, Multipliers = range }).Onnx);
            double sIn = d.Float("input_scale");
            double sOut = d.Float("conv0_out_scale");
            Assert.All(d.Floats("conv0_weight_scale"), sW => Assert.InRange(sIn * sW / sOut, min, max));
        }
    }

    [Fact]
    public void TinyMultipliers_GetBiasesLargeEnoughToMoveTheOutput()
    {
        var spec = new ConvSpec([1, 3, 9, 9], 5) { Pads = Padding2D.Symmetric(1, 1) };
        var d = new DecodedModel(QuantizedOpModels.Conv(spec, new QuantOptions { Multipliers = MultiplierRange.Tiny }).Onnx);
        // A bias of b quantized steps moves the output by b * s_in * s_w / s_out steps; it must reach several steps.
        double sIn = d.Float("input_scale"), sOut = d.Float("conv0_out_scale");
        float[] sW = d.Floats("conv0_weight_scale");
        long[] bias = d.Integers("conv0_bias");
        Assert.Contains(Enumerable.Range(0, 5), c => Math.Abs(bias[c] * sIn * sW[c] / sOut) > 10);
        Assert.All(bias, b => Assert.InRange(b, -(1L << 30), 1L << 30));
    }

    [Fact]
    public void SameSpec_GivesSameBytes_OtherSeedDoesNot()
    {
        Assert.Equal(QuantizedOpModels.Conv(Conv3x3Relu).Onnx, QuantizedOpModels.Conv(Conv3x3Relu).Onnx);
        Assert.NotEqual(QuantizedOpModels.Conv(Conv3x3Relu).Onnx, QuantizedOpModels.Conv(Conv3x3Relu with { Seed = 2 }).Onnx);
    }

    [Fact]
    public void ResidualAdd_ReadsTheInputTwice()
    {
        var d = new DecodedModel(QuantizedOpModels.ResidualAdd([1, 4, 6, 6]).Onnx);
        Assert.Equal(2, d.Graph.Node.Count(n => n.OpType == DQ && n.Input[0] == "input"));
        Assert.Equal([DQ, DQ, DQ, "Conv", "Relu", Q, DQ, DQ, "Add", Q], d.OpTypes);
    }

    [Fact]
    public void Protoc_DecodesQOperatorModels()
    {
        string text = ProtocDecoder.Decode(OpCase("concat", QuantOptions.QOperator).Onnx);
        Assert.Contains("op_type: \"QLinearConcat\"", text);
        Assert.Contains("domain: \"com.microsoft\"", text);
    }
}
