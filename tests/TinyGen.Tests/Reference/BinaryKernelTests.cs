using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class BinaryKernelTests
{
    private static Graph AddGraph(BinaryKind kind, int[] bShape, float s1, int z1, float s2, int z2, float so, int zo, FusedActivation activation, int[]? shape = null)
    {
        shape ??= [1, 1, 1, 4];
        return OneOp(new Binary("op", kind, "a", "b", "y", activation),
            Int8("a", shape, s1, z1), Int8("b", bShape, s2, z2), Int8("y", shape, so, zo));
    }

    [Fact]
    public void AddWithEqualScalesIsExact()
    {
        // equal scales: a = d1 * 2^19, b = d2 * 2^19 exactly, and the output multiplier 2^-19 undoes it:
        // out = d1 + d2 + z_out. d1 = x1 - 2 = [8, -22, 98, 125], d2 = x2 + 3 = [8, 8, 53, 130]
        // sums [16, -14, 151, 255] + 1 -> [17, -13, 127 (clamped), 127]
        var graph = AddGraph(BinaryKind.Add, [1, 1, 1, 4], 1f, 2, 1f, -3, 1f, 1, FusedActivation.None);
        Assert.Equal([17, -13, 127, 127], RunInt8(graph, [10, -20, 100, 127], [5, 5, 50, 127]).Ints());
        var relu = AddGraph(BinaryKind.Add, [1, 1, 1, 4], 1f, 2, 1f, -3, 1f, 1, FusedActivation.Relu);
        Assert.Equal([17, 1, 127, 127], RunInt8(relu, [10, -20, 100, 127], [5, 5, 50, 127]).Ints());
    }

    [Fact]
    public void AddRoundsTheRescaledSumHalfAwayFromZero()
    {
        // s1 = 0.5, s2 = 0.25, s_out = 1: a = d1 * 2^19, b = d2 * 2^18 (both exact), sum = 2^18 (2 d1 + d2),
        // out = RDBPOT(2^17 (2 d1 + d2), 19) = (2 d1 + d2) / 4 rounded half away from zero.
        // (d1, d2): (1, 1) 0.75 -> 1; (1, 0) 0.5 -> 1; (-1, 0) -0.5 -> -1; (3, -5) 0.25 -> 0; (-3, 1) -1.25 -> -1; (-2, -2) -1.5 -> -2
        var graph = AddGraph(BinaryKind.Add, [1, 1, 1, 6], 0.5f, 0, 0.25f, 0, 1f, 0, FusedActivation.None, [1, 1, 1, 6]);
        Assert.Equal([1, 1, -1, 0, -1, -2], RunInt8(graph, [1, 1, -1, 3, -3, -2], [1, 0, 0, -5, 1, -2]).Ints());
    }

    [Fact]
    public void SubtractsLikeTfLitesSub()
    {
        // equal scales: out = d1 - d2 + z_out
        var graph = AddGraph(BinaryKind.Sub, [1, 1, 1, 4], 1f, 0, 1f, 0, 1f, 0, FusedActivation.None);
        Assert.Equal([5, -128, 127, 0], RunInt8(graph, [10, -100, 100, 7], [5, 100, -100, 7]).Ints());
    }

    [Fact]
    public void BroadcastsAScalarAndAnInnermostVector()
    {
        // equal scales, zero points 0: out = a + b[i % len]
        var scalar = AddGraph(BinaryKind.Add, [1], 1f, 0, 1f, 0, 1f, 0, FusedActivation.None, [1, 2, 1, 3]);
        Assert.Equal([11, 12, 13, 14, 15, 16], RunInt8(scalar, [1, 2, 3, 4, 5, 6], [10]).Ints());
        var vector = AddGraph(BinaryKind.Add, [1, 1, 1, 3], 1f, 0, 1f, 0, 1f, 0, FusedActivation.None, [1, 2, 1, 3]);
        Assert.Equal([11, 22, 33, 14, 25, 36], RunInt8(vector, [1, 2, 3, 4, 5, 6], [10, 20, 30]).Ints());
        var notInnermost = AddGraph(BinaryKind.Add, [1, 2, 1, 1], 1f, 0, 1f, 0, 1f, 0, FusedActivation.None, [1, 2, 1, 3]);
        Assert.Throws<TinyGenException>(() => RunInt8(notInnermost, [1, 2, 3, 4, 5, 6], [10, 20]));
    }

    [Fact]
    public void RandomAddsMatchTheDocumentedFormula()
    {
        // The formula of integer-math.md, written out with the independent requantizer.
        var random = new Random(7);
        for (var trial = 0; trial < 20; trial++)
        {
            var (s1, s2, so) = ((float)(0.01 + random.NextDouble()), (float)(0.01 + random.NextDouble()), (float)(0.02 + random.NextDouble()));
            var (z1, z2, zo) = (random.Next(-128, 128), random.Next(-128, 128), random.Next(-128, 128));
            var x1 = RandomInt8(random, 16);
            var x2 = RandomInt8(random, 16);
            var graph = AddGraph(BinaryKind.Add, [1, 1, 4, 4], s1, z1, s2, z2, so, zo, FusedActivation.None, [1, 1, 4, 4]);
            var twiceMax = 2 * Math.Max((double)s1, s2);
            var (m1, m2, mo) = (QuantizedMultiplier.From(s1 / twiceMax), QuantizedMultiplier.From(s2 / twiceMax), QuantizedMultiplier.From(twiceMax / ((1 << 20) * (double)so)));
            var expected = x1.Zip(x2, (a, b) => IndependentArithmetic.Clamp(
                IndependentArithmetic.Requantize(
                    (long)IndependentArithmetic.Requantize((long)(a - z1) << 20, m1) + IndependentArithmetic.Requantize((long)(b - z2) << 20, m2), mo) + zo,
                -128, 127)).ToArray();
            Assert.Equal(expected, RunInt8(graph, x1, x2).Ints());
        }
    }

    [Fact]
    public void MulHandComputed()
    {
        // s1 * s2 / s_out = 0.25 / 0.125 = 2 exactly: out = 2 d1 d2 + z_out
        // d1 = x1 - 1, d2 = x2 + 2: (3, 4) -> 24; (-5, 7) -> -70; (10, 10) -> 200 -> 127; (0, 9) -> 0; + zo 3
        var graph = OneOp(new Binary("m", BinaryKind.Mul, "a", "b", "y", FusedActivation.None),
            Int8("a", [4], 0.5f, 1), Int8("b", [4], 0.5f, -2), Int8("y", [4], 0.125f, 3));
        Assert.Equal([27, -67, 127, 3], RunInt8(graph, [4, -4, 11, 1], [2, 5, 8, 7]).Ints());
    }

    [Fact]
    public void MulRoundsTiesUpward()
    {
        // multiplier 0.5 is a single SRDHM: products 3 -> 1.5 -> 2, -3 -> -1.5 -> -1, -1 -> -0.5 -> 0, 5 -> 3
        var graph = OneOp(new Binary("m", BinaryKind.Mul, "a", "b", "y", FusedActivation.None),
            Int8("a", [4], 1f, 0), Int8("b", [4], 1f, 0), Int8("y", [4], 2f, 0));
        Assert.Equal([2, -1, 0, 3], RunInt8(graph, [3, -1, -1, 5], [1, 3, 1, 1]).Ints());
    }
}
