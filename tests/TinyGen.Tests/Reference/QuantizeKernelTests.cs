using TinyGen.Ir;
using TinyGen.Reference;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class QuantizeKernelTests
{
    [Fact]
    public void FloatToInt8RoundsHalfToEvenAndSaturates()
    {
        // scale 0.5, zp 1: x / 0.5 = 0.5 -> 0, 1.5 -> 2, -0.5 -> 0, 2.5 -> 2, 200 -> 127, -200 -> -128, 1 -> 1, -1.5 -> -2
        var graph = OneOp(new Quantize("q", "x", "y"), Float("x", 8), Int8("y", [8], 0.5f, 1));
        var output = Interpreter.Run(graph, [TensorData.FromFloats([0.25f, 0.75f, -0.25f, 1.25f, 100f, -100f, 0.5f, -0.75f])]).Single().ToInt8();
        Assert.Equal([1, 3, 1, 3, 127, -128, 2, -1], output.Ints());
    }

    [Fact]
    public void DividesInFloat32()
    {
        // 0.35f / 0.1f and 0.75f / 0.1f are 3.4999999 and 7.4999999 in double, but their float32 quotients are
        // exactly 3.5 and 7.5, which round half to even to 4 and 8. ONNX computes x / scale in float32.
        Assert.Equal(3.5f, 0.35f / 0.1f); // the premise
        var graph = OneOp(new Quantize("q", "x", "y"), Float("x", 3), Int8("y", [3], 0.1f, 0));
        Assert.Equal([4, 8, 2], Interpreter.Run(graph, [TensorData.FromFloats([0.35f, 0.75f, 0.25f])]).Single().ToInt8().Ints());
    }

    [Fact]
    public void RequantizesInt8ToInt8AndUInt8()
    {
        // 0.5 -> 0.25 is a multiplier of 2 exactly: out = 2 (q - zin) + zout
        var toInt8 = OneOp(new Quantize("q", "x", "y"), Int8("x", [4], 0.5f, 3), Int8("y", [4], 0.25f, -10));
        Assert.Equal([-10, 0, 127, -128], RunInt8(toInt8, [3, 8, 100, -100]).Ints());
        var toUInt8 = OneOp(new Quantize("q", "x", "y"), Int8("x", [4], 0.5f, 3),
            new Tensor("y", ElementType.UInt8, [4], Quantization.PerTensor(0.25f, 128)));
        var output = Interpreter.Run(toUInt8, [TensorData.FromInt8([3, 8, 100, -100])]).Single().ToUInt8();
        Assert.Equal(new byte[] { 128, 138, 255, 0 }, output);
    }

    [Fact]
    public void UInt8ToInt8WithTheSameScaleIsExact()
    {
        var graph = OneOp(new Quantize("q", "x", "y"), new Tensor("x", ElementType.UInt8, [5], Quantization.PerTensor(0.02f, 140)), Int8("y", [5], 0.02f, 12));
        var output = Interpreter.Run(graph, [TensorData.FromUInt8([0, 127, 128, 140, 255])]).Single().ToInt8();
        Assert.Equal([-128, -1, 0, 12, 127], output.Ints());
    }

    [Fact]
    public void DequantizeIsScaleTimesOffset()
    {
        var graph = OneOp(new Dequantize("d", "x", "y"), Int8("x", [4], 0.1f, -5), Float("y", 4));
        var output = Interpreter.Run(graph, [TensorData.FromInt8([-5, -4, 127, -128])]).Single().ToFloats();
        Assert.Equal([0f, 0.1f * 1, 0.1f * 132, 0.1f * -123], output);
    }
}
