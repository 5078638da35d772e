using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Reference;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class DataMovementKernelTests
{
    [Fact]
    public void ConcatAlongTheInnermostAxis()
    {
        // [1,2,1,2] ++ [1,2,1,1] along axis 3 -> rows (a0 a1 b0), (a2 a3 b1)
        var graph = OneOp(new Concat("c", ["a", "b"], "y", 3),
            Int8("a", [1, 2, 1, 2], 0.5f, 1), Int8("b", [1, 2, 1, 1], 0.5f, 1), Int8("y", [1, 2, 1, 3], 0.5f, 1));
        Assert.Equal([1, 2, 10, 3, 4, 20], RunInt8(graph, [1, 2, 3, 4], [10, 20]).Ints());
    }

    [Fact]
    public void ConcatAlongAnOuterAxisAndAConstantPart()
    {
        // [2,2] ++ const [1,2] along axis 0 -> the rows one after another
        var graph = OneOp(new Concat("c", ["a", "k"], "y", 0),
            Int8("a", [2, 2], 1f, 0), Int8Constant("k", [1, 2], Quantization.PerTensor(1f, 0), -7, 7), Int8("y", [3, 2], 1f, 0));
        Assert.Equal([1, 2, 3, 4, -7, 7], RunInt8(graph, [1, 2, 3, 4]).Ints());
    }

    [Fact]
    public void ConcatRejectsDifferentQuantizations()
    {
        var graph = OneOp(new Concat("c", ["a", "b"], "y", 1),
            Int8("a", [1, 1], 1f, 0), Int8("b", [1, 1], 2f, 0), Int8("y", [1, 2], 1f, 0));
        Assert.Throws<TinyGenException>(() => RunInt8(graph, [1], [2]));
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 0, 1 })]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 0, 3, 1, 2 })]
    [InlineData(new[] { 2, 3, 1, 2, 2, 3 }, new[] { 5, 4, 3, 2, 1, 0 })]
    [InlineData(new[] { 5 }, new[] { 0 })]
    public void TransposeMatchesTheIndexFormula(int[] shape, int[] perm)
    {
        var outShape = perm.Select(p => shape[p]).ToArray();
        var count = shape.Aggregate(1, (a, b) => a * b);
        var x = Enumerable.Range(0, count).Select(i => i % 256 - 128).ToArray();
        var graph = OneOp(new Transpose("t", "x", "y", [.. perm]), Int8("x", shape, 1f, 0), Int8("y", outShape, 1f, 0));
        var actual = RunInt8(graph, x).Ints();
        // out[i] = in[j] where j's coordinate along axis perm[d] is i's coordinate along d
        for (var i = 0; i < count; i++)
        {
            var outIndex = Unflatten(i, outShape);
            var inIndex = new int[shape.Length];
            for (var d = 0; d < perm.Length; d++) inIndex[perm[d]] = outIndex[d];
            Assert.Equal(x[Flatten(inIndex, shape)], actual[i]);
        }
    }

    [Fact]
    public void TransposeOfFloatEdgeTensors()
    {
        var graph = OneOp(new Transpose("t", "x", "y", [1, 0]), Float("x", 2, 3), Float("y", 3, 2));
        var output = Interpreter.Run(graph, [TensorData.FromFloats([1, 2, 3, 4, 5, 6])]).Single().ToFloats();
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], output);
    }

    [Fact]
    public void ReshapeKeepsTheBytes()
    {
        var graph = OneOp(new Reshape("r", "x", "y", new ReshapeRule.Given()), Int8("x", [1, 2, 2, 1], 1f, 0), Int8("y", [1, 4], 1f, 0));
        Assert.Equal([4, -3, 2, -1], RunInt8(graph, [4, -3, 2, -1]).Ints());
    }

    [Fact]
    public void ClampUsesTheQuantizedBounds()
    {
        // Relu6 at scale 0.1, zp -100: bounds -100 and -100 + 60 = -40
        var graph = OneOp(new Activation("a", "x", "y", FusedActivation.Relu6), Int8("x", [4], 0.1f, -100), Int8("y", [4], 0.1f, -100));
        Assert.Equal([-100, -100, -50, -40], RunInt8(graph, [-128, -100, -50, 127]).Ints());
    }

    private static int[] Unflatten(int index, int[] shape)
    {
        var result = new int[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            result[d] = index % shape[d];
            index /= shape[d];
        }
        return result;
    }

    private static int Flatten(int[] index, int[] shape) => index.Select((v, d) => (v, d)).Aggregate(0, (acc, p) => acc * shape[p.d] + p.v);
}
