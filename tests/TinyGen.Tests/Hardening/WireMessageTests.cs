using TinyGen.Frontends.Onnx.Building;
using TinyGen.Fuzzing;

namespace TinyGen.Tests.Hardening;

/// <summary>The fuzzer's schema-free protobuf view: it must reproduce a file exactly before its corruptions mean anything.</summary>
public sealed class WireMessageTests
{
    [Fact]
    public void Parsing_and_serializing_a_model_gives_back_the_same_bytes()
    {
        var bytes = ExampleModels.TinyCnn();
        var message = WireMessage.Parse(bytes);
        Assert.NotNull(message);
        Assert.Equal(bytes, message.Serialize());
        // ModelProto.graph is field 7, and the graph's nodes (field 1) are found inside it.
        var graph = Assert.Single(message.Fields, f => f.Number == 7);
        Assert.NotNull(graph.Message);
        Assert.Contains(graph.Message.Fields, f => f.Number == 1 && f.WireType == WireField.LengthDelimited);
    }

    [Fact]
    public void A_length_override_and_overlong_varints_are_written_as_asked()
    {
        // Field 1, length-delimited "ab": 0x0A 0x02 'a' 'b'.
        var message = WireMessage.Parse([0x0A, 0x02, 0x61, 0x62])!;
        message.Fields[0].LengthOverride = 300;
        Assert.Equal(new byte[] { 0x0A, 0xAC, 0x02, 0x61, 0x62 }, message.Serialize());
        message.Fields[0].LengthOverride = null;
        message.Fields[0].ExtraVarintBytes = 2;
        Assert.Equal(new byte[] { 0x0A, 0x82, 0x80, 0x00, 0x61, 0x62 }, message.Serialize());
    }

    [Fact]
    public void Bytes_that_are_not_a_message_do_not_parse()
    {
        Assert.Null(WireMessage.Parse([0x0A, 0x05, 0x61])); // a length past the end
        Assert.Null(WireMessage.Parse([0x0F]));             // wire type 7 does not exist
        Assert.Null(WireMessage.Parse([0x08, 0x80]));       // a varint cut short
    }
}
