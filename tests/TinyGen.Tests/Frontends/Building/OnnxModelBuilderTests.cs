using TinyGen.Frontends.Onnx.Building;
using TinyGen.Frontends.Onnx.Proto;

namespace TinyGen.Tests.Frontends.Building;

public class OnnxModelBuilderTests
{
    private static OnnxModelBuilder SmallModel(OnnxTensorEncoding encoding = OnnxTensorEncoding.RawData)
    {
        var b = new OnnxModelBuilder("g", encoding);
        b.AddInput("x", OnnxElementType.Float, 1, 2);
        b.AddInitializer("w", new[] { 1f, -2f }, 2);
        b.AddInitializer("q", new sbyte[] { -128, 127, -1 }, 3);
        b.AddInitializer("u", new byte[] { 0, 255 }, 2);
        b.AddInitializer("i32", new[] { 0x01020304, -2 }, 2);
        b.AddInitializer("i64", new long[] { -1, 5 }, 1, 2);
        b.AddNode("Mul", ["x", "w"], ["y"], [
            OnnxAttribute.Int("i", -7),
            OnnxAttribute.Ints("is", 1, 2, 3),
            OnnxAttribute.Float("f", 0.5f),
            OnnxAttribute.Floats("fs", 1.5f, -2f),
            OnnxAttribute.String("s", "SAME_UPPER"),
            OnnxAttribute.Tensor("t", OnnxTensorValue.Int64([4, 5], 2)),
        ]);
        b.AddOutput("y", OnnxElementType.Float, 1, 2);
        return b;
    }

    [Fact]
    public void Build_WritesModelHeaderAndDefaultOpset()
    {
        ModelProto m = new DecodedModel(SmallModel().Build()).Proto;
        Assert.Equal("tinygen-builder", m.ProducerName);
        Assert.Equal(7, m.IrVersion);
        OperatorSetIdProto opset = Assert.Single(m.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(13, opset.Version);
        Assert.Equal("g", m.Graph.Name);
    }

    [Fact]
    public void Build_WritesInputsOutputsAndNode()
    {
        GraphProto g = new DecodedModel(SmallModel().Build()).Graph;
        ValueInfoProto input = Assert.Single(g.Input);
        Assert.Equal("x", input.Name);
        Assert.Equal(1, DecodedModel.ElemType(input));
        Assert.Equal([1L, 2L], DecodedModel.Shape(input));
        Assert.Equal("y", Assert.Single(g.Output).Name);

        NodeProto node = Assert.Single(g.Node);
        Assert.Equal("Mul", node.OpType);
        Assert.Equal("", node.Domain);
        Assert.Equal(["x", "w"], node.Input);
        Assert.Equal(["y"], node.Output);
        Assert.Equal("Mul_0", node.Name);
    }

    [Fact]
    public void Build_WritesEveryAttributeKindWithItsType()
    {
        NodeProto node = Assert.Single(new DecodedModel(SmallModel().Build()).Graph.Node);
        AttributeProto Get(string name) => DecodedModel.Attribute(node, name);

        Assert.Equal(AttributeProto.Types.AttributeType.Int, Get("i").Type);
        Assert.Equal(-7, Get("i").I);
        Assert.Equal(AttributeProto.Types.AttributeType.Ints, Get("is").Type);
        Assert.Equal([1L, 2L, 3L], Get("is").Ints);
        Assert.Equal(AttributeProto.Types.AttributeType.Float, Get("f").Type);
        Assert.Equal(0.5f, Get("f").F);
        Assert.Equal(AttributeProto.Types.AttributeType.Floats, Get("fs").Type);
        Assert.Equal([1.5f, -2f], Get("fs").Floats);
        Assert.Equal(AttributeProto.Types.AttributeType.String, Get("s").Type);
        Assert.Equal("SAME_UPPER", Get("s").S.ToStringUtf8());
        Assert.Equal(AttributeProto.Types.AttributeType.Tensor, Get("t").Type);
        Assert.Equal((int)TensorProto.Types.DataType.Int64, Get("t").T.DataType);
        Assert.Equal([2L], Get("t").T.Dims);
    }

    [Fact]
    public void RawData_IsLittleEndianAsOnnxRequires()
    {
        var d = new DecodedModel(SmallModel().Build());
        // Hand-written byte images: 1.0f = 0x3F800000, -2.0f = 0xC0000000.
        Assert.Equal(new byte[] { 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0 }, d.Initializer("w").RawData.ToByteArray());
        Assert.Equal(new byte[] { 0x80, 0x7F, 0xFF }, d.Initializer("q").RawData.ToByteArray());
        Assert.Equal(new byte[] { 4, 3, 2, 1, 0xFE, 0xFF, 0xFF, 0xFF }, d.Initializer("i32").RawData.ToByteArray());
        Assert.Equal((int)TensorProto.Types.DataType.Int8, d.Initializer("q").DataType);
        Assert.Equal((int)TensorProto.Types.DataType.Uint8, d.Initializer("u").DataType);
        Assert.Equal([1L, 2L], d.Initializer("i64").Dims);
        Assert.Equal([-1L, 5L], d.Integers("i64"));
    }

    [Fact]
    public void TypedFields_PutSmallIntegersInInt32Data()
    {
        var d = new DecodedModel(SmallModel(OnnxTensorEncoding.TypedFields).Build());
        Assert.True(d.Initializer("q").RawData.IsEmpty);
        Assert.Equal([-128, 127, -1], d.Initializer("q").Int32Data);
        Assert.Equal([0, 255], d.Initializer("u").Int32Data);
        Assert.Equal([1f, -2f], d.Initializer("w").FloatData);
        Assert.Equal([-1L, 5L], d.Initializer("i64").Int64Data);
    }

    [Fact]
    public void MicrosoftNode_ImportsComMicrosoftOpsetOne()
    {
        var b = new OnnxModelBuilder();
        b.AddInput("a", OnnxElementType.Int8, 1);
        b.AddNode("QLinearSoftmax", ["a"], ["b"], domain: OnnxModelBuilder.MicrosoftDomain);
        b.AddOutput("b", OnnxElementType.Int8, 1);
        var opsets = new DecodedModel(b.Build()).Proto.OpsetImport.Select(o => (o.Domain, o.Version)).ToArray();
        Assert.Equal([("", 13L), ("com.microsoft", 1L)], opsets);
    }

    [Fact]
    public void ImportOpset_OverridesTheDefaultVersion()
    {
        var b = SmallModel().ImportOpset("", 17);
        Assert.Equal(17, Assert.Single(new DecodedModel(b.Build()).Proto.OpsetImport).Version);
    }

    [Fact]
    public void SameCalls_GiveSameBytes()
    {
        Assert.Equal(SmallModel().Build(), SmallModel().Build());
    }

    [Fact]
    public void Rejects_MalformedGraphs()
    {
        var b = new OnnxModelBuilder();
        b.AddInput("x", OnnxElementType.Float, 1);
        Assert.Throws<ArgumentException>(() => b.AddNode("Relu", ["missing"], ["y"]));
        Assert.Throws<ArgumentException>(() => b.AddInitializer("x", new float[] { 1 }, 1));
        Assert.Throws<ArgumentException>(() => b.AddInitializer("w", new float[] { 1, 2, 3 }, 2));
        b.AddOutput("never", OnnxElementType.Float, 1);
        Assert.Throws<InvalidOperationException>(() => b.Build());
    }

    [Fact]
    public void OmittedOptionalInput_IsAllowed()
    {
        var b = new OnnxModelBuilder();
        b.AddInput("x", OnnxElementType.Float, 1);
        b.AddNode("Clip", ["x", "", ""], ["y"]);
        b.AddOutput("y", OnnxElementType.Float, 1);
        Assert.Equal(["x", "", ""], Assert.Single(new DecodedModel(b.Build()).Graph.Node).Input);
    }

    /// <summary>protoc, an independent decoder, reads the bytes against the same schema.</summary>
    [Fact]
    public void Protoc_DecodesTheModel()
    {
        string text = ProtocDecoder.Decode(SmallModel().Build());
        Assert.Contains("producer_name: \"tinygen-builder\"", text);
        Assert.Contains("op_type: \"Mul\"", text);
        Assert.Contains("s: \"SAME_UPPER\"", text);
        Assert.Contains("name: \"i32\"", text);
    }
}
