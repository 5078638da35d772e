using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Run;

namespace TinyGen.Tests.Run;

public class HarnessOutputParserTests
{
    private const string Summary = "TG_INSTRUCTIONS 8040\nTG_STACK 636\nTG_STATUS 0\nTG_END\n";

    [Fact]
    public void Reads_every_type_and_the_summary()
    {
        var result = HarnessOutputParser.Parse(
            "TG_BEGIN\n" +
            "TG_OUTPUT 0 int8 4\nTG_DATA 0 20 25 -128 127\n" +
            "TG_OUTPUT 1 uint8 2\nTG_DATA 1 0 255\n" +
            // 0.125, 67/256, -0.0, 1.0
            "TG_OUTPUT 2 float32 4\nTG_DATA 2 3e000000 3e860000 80000000 3f800000\n" +
            Summary);

        Assert.Equal(3, result.Outputs.Count);
        Assert.Equal(ElementType.Int8, result.Outputs[0].Type);
        Assert.Equal(new sbyte[] { 20, 25, -128, 127 }, result.Outputs[0].Values.ToInt8());
        Assert.Equal(new byte[] { 0, 255 }, result.Outputs[1].Values.ToUInt8());
        var floats = result.Outputs[2].Values.ToFloats();
        Assert.Equal(new[] { 0.125f, 67f / 256f, 0f, 1f }, floats);
        Assert.True(float.IsNegative(floats[2]));
        Assert.Equal(8040, result.Instructions);
        Assert.Equal(636, result.StackBytes);
        Assert.Equal(0, result.Status);
    }

    [Fact]
    public void Joins_data_lines_and_keeps_float_bits_exactly()
    {
        var first = string.Join(' ', Enumerable.Range(0, 32).Select(i => (i - 16).ToString()));
        var result = HarnessOutputParser.Parse(
            "boot noise before the frame is ignored\r\n" +
            "TG_BEGIN\r\nTG_OUTPUT 0 int8 35\r\nTG_DATA 0 " + first + "\r\nTG_DATA 0 100 101 102\r\n" +
            "TG_OUTPUT 1 float32 1\r\nTG_DATA 1 7fc00001\r\n" +
            "TG_OUTPUT 2 int8 0\r\n" +
            "TG_INSTRUCTIONS 0\r\nTG_STACK 8\r\nTG_STATUS -1\r\nTG_END\r\n");

        var expected = Enumerable.Range(0, 32).Select(i => (sbyte)(i - 16)).Concat(new sbyte[] { 100, 101, 102 });
        Assert.Equal(expected, result.Outputs[0].Values.ToInt8());
        // A NaN with a payload must survive as its exact bits.
        Assert.Equal(new byte[] { 0x01, 0x00, 0xc0, 0x7f }, result.Outputs[1].Values.Bytes.ToArray());
        Assert.Equal(0, result.Outputs[2].Values.Length);
        Assert.Equal(-1, result.Status);
    }

    [Fact]
    public void Reads_layer_counts_in_order_after_the_outputs()
    {
        var result = HarnessOutputParser.Parse(
            "TG_BEGIN\nTG_OUTPUT 0 int8 1\nTG_DATA 0 5\n" +
            "TG_LAYER 0 5000\nTG_LAYER 1 0\nTG_LAYER 2 3000\n" + Summary);

        Assert.Equal(new long[] { 5000, 0, 3000 }, result.LayerInstructions);
        Assert.Equal(new sbyte[] { 5 }, result.Outputs[0].Values.ToInt8());
        Assert.Equal(8040, result.Instructions);
    }

    [Fact]
    public void Without_layer_lines_there_are_no_layer_counts()
    {
        var result = HarnessOutputParser.Parse("TG_BEGIN\nTG_OUTPUT 0 int8 1\nTG_DATA 0 5\n" + Summary);
        Assert.Empty(result.LayerInstructions);
    }

    [Theory]
    [InlineData("TG_BEGIN\nTG_LAYER 1 50\n", "expected 'TG_LAYER 0 <instructions>'")]
    [InlineData("TG_BEGIN\nTG_LAYER 0 50\nTG_LAYER 0 60\n", "expected 'TG_LAYER 1 <instructions>'")]
    [InlineData("TG_BEGIN\nTG_LAYER 0\n", "expected 'TG_LAYER 0 <instructions>'")]
    [InlineData("TG_BEGIN\nTG_LAYER 0 -4\n", "expected 'TG_LAYER 0 <instructions>'")]
    [InlineData("TG_BEGIN\nTG_LAYER 0 4 9\n", "expected 'TG_LAYER 0 <instructions>'")]
    [InlineData("TG_BEGIN\nTG_INSTRUCTIONS 5\nTG_LAYER 0 4\n", "expected before TG_INSTRUCTIONS")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 int8 2\nTG_DATA 0 1\nTG_LAYER 0 4\n", "declared 2 elements but 1 arrived")]
    public void Rejects_malformed_layer_lines(string text, string expectedInMessage)
    {
        var e = Assert.Throws<TinyGenException>(() => HarnessOutputParser.Parse(text));
        Assert.Equal(ExitCodes.FirmwareError, e.ExitCode);
        Assert.Contains(expectedInMessage, e.Message);
    }

    [Theory]
    [InlineData("", "no TG_BEGIN")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 int8 2\nTG_DATA 0 1 2\nTG_INSTRUCTIONS 5\nTG_STACK 4\nTG_STATUS 0\n", "ended before TG_END")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 int8 3\nTG_DATA 0 1 2\nTG_INSTRUCTIONS 5\n", "declared 3 elements but 2 arrived")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 int8 1\nTG_DATA 0 1 2\n", "'TG_DATA 0 1 2'")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 1 int8 1\n", "expected output index 0")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 int16 1\n", "unknown element type 'int16'")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 int8 1\nTG_DATA 0 128\n", "'128' is not an int8")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 uint8 1\nTG_DATA 0 -1\n", "'-1' is not a uint8")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 float32 1\nTG_DATA 0 3E000000\n", "not 8 lowercase hex digits")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 float32 1\nTG_DATA 0 3e00000\n", "not 8 lowercase hex digits")]
    [InlineData("TG_BEGIN\nTG_OUTPUT 0 int8 2\nTG_DATA 1 1 2\n", "expected data for output 0")]
    [InlineData("TG_BEGIN\nTG_DATA 0 1\n", "before any TG_OUTPUT")]
    [InlineData("TG_BEGIN\nTG_STACK 4\n", "expected after TG_INSTRUCTIONS")]
    [InlineData("TG_BEGIN\nTG_INSTRUCTIONS 5\nTG_STATUS 0\n", "expected after TG_STACK")]
    [InlineData("TG_BEGIN\nTG_INSTRUCTIONS 5\nTG_STACK 4\nTG_END\n", "TG_END before")]
    [InlineData("TG_BEGIN\nTG_INSTRUCTIONS -5\n", "non-negative integer")]
    [InlineData("TG_BEGIN\nTG_INSTRUCTIONS 5\nTG_STACK 4\nTG_STATUS 0\nTG_END\nTG_END\n", "text after TG_END")]
    [InlineData("TG_BEGIN\nhello\n", "line 2 'hello': not a harness protocol line")]
    public void Rejects_malformed_output_naming_the_line(string text, string expectedInMessage)
    {
        var e = Assert.Throws<TinyGenException>(() => HarnessOutputParser.Parse(text));
        Assert.Equal(ExitCodes.FirmwareError, e.ExitCode);
        Assert.Contains(expectedInMessage, e.Message);
    }

    [Fact]
    public void Rejects_more_than_32_values_on_one_line()
    {
        var values = string.Join(' ', Enumerable.Repeat("1", 33));
        var e = Assert.Throws<TinyGenException>(() => HarnessOutputParser.Parse($"TG_BEGIN\nTG_OUTPUT 0 int8 33\nTG_DATA 0 {values}\n"));
        Assert.Contains("33 values on one line", e.Message);
    }
}
