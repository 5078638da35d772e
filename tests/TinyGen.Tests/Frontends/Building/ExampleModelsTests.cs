using TinyGen.Frontends.Onnx.Building;
using TinyGen.Frontends.Onnx.Proto;

namespace TinyGen.Tests.Frontends.Building;

public class ExampleModelsTests
{
    [Fact]
    public void DsCnn_HasTheKeywordSpottingShape()
    {
        var d = new DecodedModel(ExampleModels.DsCnn());
        ValueInfoProto input = d.Graph.Input.Single();
        Assert.Equal((int)TensorProto.Types.DataType.Int8, DecodedModel.ElemType(input));
        Assert.Equal([1L, 1, 49, 10], DecodedModel.Shape(input));
        ValueInfoProto output = d.Graph.Output.Single();
        Assert.Equal((int)TensorProto.Types.DataType.Int8, DecodedModel.ElemType(output));
        Assert.Equal([1L, 12], DecodedModel.Shape(output));

        string[] compute = d.OpTypes.Where(o => o is not ("QuantizeLinear" or "DequantizeLinear")).ToArray();
        string[] block = ["Conv", "Relu", "Conv", "Relu"];
        Assert.Equal(["Conv", "Relu", .. block, .. block, .. block, .. block, "GlobalAveragePool", "Flatten", "Gemm", "Softmax"], compute);

        NodeProto[] convs = d.Graph.Node.Where(n => n.OpType == "Conv").ToArray();
        Assert.Equal([10L, 4], DecodedModel.Attribute(convs[0], "kernel_shape").Ints);
        Assert.Equal([2L, 2], DecodedModel.Attribute(convs[0], "strides").Ints);
        Assert.Equal([64L, 1, 10, 4], d.Initializer("conv0_weight").Dims);
        for (int i = 1; i < 9; i += 2)
        {
            Assert.Equal(64, DecodedModel.Attribute(convs[i], "group").I);
            Assert.Equal([64L, 1, 3, 3], d.Initializer($"conv{i}_weight").Dims);
            Assert.Equal(1, DecodedModel.Attribute(convs[i + 1], "group").I);
            Assert.Equal([64L, 64, 1, 1], d.Initializer($"conv{i + 1}_weight").Dims);
        }
        Assert.Equal([12L, 64], d.Initializer("fc0_weight").Dims);
        Assert.Equal(0.00390625f, d.Float("softmax0_out_scale"));
    }

    [Fact]
    public void DsCnn_IsDeterministicPerSeed()
    {
        Assert.Equal(ExampleModels.DsCnn(), ExampleModels.DsCnn(1));
        Assert.NotEqual(ExampleModels.DsCnn(1), ExampleModels.DsCnn(2));
    }

    [Fact]
    public void DsCnn_DecodesWithProtoc()
    {
        string text = ProtocDecoder.Decode(ExampleModels.DsCnn());
        Assert.Equal(9, text.Split("op_type: \"Conv\"").Length - 1);
    }

    [Fact]
    public void TinyCnn_IsSmallAndEndsInFourClasses()
    {
        GeneratedModel m = ExampleModels.TinyCnnModel();
        var d = new DecodedModel(m.Onnx);
        Assert.Equal([1L, 3, 8, 8], m.Inputs[0].Shape);
        Assert.Equal([1L, 4], m.Outputs[0].Shape);
        Assert.Contains("MaxPool", d.OpTypes);
        Assert.Contains("Clip", d.OpTypes);
        Assert.Equal(2, d.OpTypes.Count(o => o == "Conv"));
        Assert.True(m.Onnx.Length < 8192, $"{m.Onnx.Length} bytes");
        Assert.Equal(m.Onnx, ExampleModels.TinyCnn(1));
    }

    [Fact]
    public void Mlp_HasFloatEdgesAroundTwoGemms()
    {
        var d = new DecodedModel(ExampleModels.Mlp());
        Assert.Equal((int)TensorProto.Types.DataType.Float, DecodedModel.ElemType(d.Graph.Input.Single()));
        Assert.Equal([1L, 16], DecodedModel.Shape(d.Graph.Input.Single()));
        Assert.Equal((int)TensorProto.Types.DataType.Float, DecodedModel.ElemType(d.Graph.Output.Single()));
        Assert.Equal([1L, 10], DecodedModel.Shape(d.Graph.Output.Single()));
        Assert.Equal("QuantizeLinear", d.OpTypes[0]);
        Assert.Equal("DequantizeLinear", d.OpTypes[^1]);
        Assert.Equal(2, d.OpTypes.Count(o => o == "Gemm"));
        Assert.Single(d.OpTypes, "Relu");
    }

    [Fact]
    public void Examples_AlsoComeInQOperatorForm()
    {
        var d = new DecodedModel(ExampleModels.DsCnnModel(1, QuantOptions.QOperator).Onnx);
        Assert.Equal(9, d.OpTypes.Count(o => o == "QLinearConv"));
        Assert.DoesNotContain("Conv", d.OpTypes);
    }
}
