using TinyGen.Arithmetic;
using TinyGen.Ir;
using TinyGen.Reference.Kernels;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

/// <summary>TFLite Micro's int8 MEAN, SUB and QUANTIZE rounding, and constant padding, worked by hand.</summary>
public sealed class MeanPadSubQuantizeTests
{
    [Fact]
    public void MeanFoldsTheCountIntoTheMultiplierLikeTflm()
    {
        // ratio 1 = 0.5 * 2^1 -> (2^30, 1); count 4: k = 2, m = 2^30 * 4 / 4, shift 1 - 2
        Assert.Equal(new QuantizedMultiplier(1 << 30, -1), MeanRequantization.For(1f, 1f, 4));
        // count 3: k = 1, m = 2^31 / 3 truncated = 715827882, shift 0
        Assert.Equal(new QuantizedMultiplier(715827882, 0), MeanRequantization.For(1f, 1f, 3));
        // count 2^40 would want k = 40: capped at 32 and at 31 + shift (= 32 here)
        Assert.Equal(new QuantizedMultiplier(1 << 30 >> 8, -31), MeanRequantization.For(1f, 1f, 1L << 40));
    }

    [Fact]
    public void MeanRoundsTwiceLikeTflm()
    {
        var four = MeanRequantization.For(1f, 1f, 4);
        // m = 2^30, shift -1: SRDHM halves with ties up, then RoundingDivideByPOT halves with ties away from zero.
        // 6: 3 -> 1.5 -> 2; -6: -3 -> -1.5 -> -2; 5: 2.5 -> 3 -> 1.5 -> 2 (the mean 1.25 rounds up: double rounding);
        // -7: -3.5 -> -3 -> -1.5 -> -2
        Assert.Equal([2, -2, 2, -2], new[] { 6, -6, 5, -7 }.Select(s => MeanRequantization.Apply(s, four, 0)));
        var three = MeanRequantization.For(1f, 1f, 3);
        // 1/3 -> 0, 2/3 -> 1, 3/3 -> 0.99999 -> 1 (the truncated multiplier still rounds to one)
        Assert.Equal([0, 1, 1], new[] { 1, 2, 3 }.Select(s => MeanRequantization.Apply(s, three, 0)));
    }

    [Fact]
    public void MeanOverHeightAndWidthOfNhwc()
    {
        // [1, 2, 2, 2] NHWC, zero point 3 in, scale 0.5 in, 1 out, zero point -1 out:
        // channel 0 values 5, 7, 9, 3 -> offsets 2, 4, 6, 0 -> sum 12, * 0.5 / 4 = 1.5 -> 2, -1 -> 1
        // channel 1 values 0, -1, 2, 1 -> offsets -3, -4, -1, -2 -> sum -10 -> -1.25 -> -1, -1 -> -2
        var keep = OneOp(new Mean("mean", "x", "y", [1, 2], KeepDims: true), Int8("x", [1, 2, 2, 2], 0.5f, 3), Int8("y", [1, 1, 1, 2], 1f, -1));
        Assert.Equal([1, -2], RunInt8(keep, [5, 0, 7, -1, 9, 2, 3, 1]).Ints());
        var drop = OneOp(new Mean("mean", "x", "y", [1, 2], KeepDims: false), Int8("x", [1, 2, 2, 2], 0.5f, 3), Int8("y", [1, 2], 1f, -1));
        Assert.Equal([1, -2], RunInt8(drop, [5, 0, 7, -1, 9, 2, 3, 1]).Ints());
        // the same numbers laid out NCHW and reduced over the last two axes
        var nchw = OneOp(new Mean("mean", "x", "y", [2, 3], KeepDims: true), Int8("x", [1, 2, 2, 2], 0.5f, 3), Int8("y", [1, 2, 1, 1], 1f, -1));
        Assert.Equal([1, -2], RunInt8(nchw, [5, 7, 9, 3, 0, -1, 2, 1]).Ints());
    }

    [Fact]
    public void PadFillsEveryAxisWithTheValue()
    {
        // [1, 1, 2, 1] padded by 1 before H, 1 after W, 1 before and after C with value -7
        var pad = OneOp(new Pad("pad", "x", "y", [0, 1, 0, 1, 0, 0, 1, 1], -7f), Int8("x", [1, 1, 2, 1], 0.1f, 0), Int8("y", [1, 2, 3, 3], 0.1f, 0));
        int[] expected =
        [
            -7, -7, -7, -7, -7, -7, -7, -7, -7,   // the padded row
            -7, 10, -7, -7, 20, -7, -7, -7, -7,   // x[0] and x[1] in the middle channel, then the padded column
        ];
        Assert.Equal(expected, RunInt8(pad, [10, 20]).Ints());
    }

    [Fact]
    public void SubDividesTheRealMultipliersInFloatLikeTflm()
    {
        // Written out as CalculateOpDataSub does it: float twice-max and float quotients
        var random = new Random(11);
        var differFromAdd = 0;
        for (var trial = 0; trial < 400; trial++)
        {
            var (s1, s2, so) = ((float)(0.001 + random.NextDouble()), (float)(0.001 + random.NextDouble()), (float)(0.002 + random.NextDouble()));
            float twiceMax = 2 * (s1 > s2 ? s1 : s2);
            float r1 = s1 / twiceMax, r2 = s2 / twiceMax, ro = twiceMax / (1048576f * so);
            var sub = SubRequantization.For(s1, s2, so);
            Assert.Equal((QuantizedMultiplier.From(r1), QuantizedMultiplier.From(r2), QuantizedMultiplier.From(ro)), (sub.Input1, sub.Input2, sub.Output));
            if (sub != AddRequantization.For(s1, s2, so)) differFromAdd++;
        }
        Assert.True(differFromAdd > 0, "the float rule never changed a multiplier: the test proves nothing");
    }

    [Fact]
    public void SubSubtractsTheRescaledSecondInput()
    {
        // s1 = 0.5, s2 = 0.25, s_out = 1: a = d1 * 2^19, b = d2 * 2^18, out = (2 d1 - d2) / 4 rounded half away from zero
        // (d1, d2): (1, 1) 0.25 -> 0; (1, 0) 0.5 -> 1; (-1, 0) -0.5 -> -1; (3, -6) 3 -> 3; (-3, 2) -2 -> -2
        var graph = OneOp(new Binary("sub", BinaryKind.Sub, "a", "b", "y", FusedActivation.None),
            Int8("a", [5], 0.5f, 0), Int8("b", [5], 0.25f, 0), Int8("y", [5], 1f, 0));
        Assert.Equal([0, 1, -1, 3, -2], RunInt8(graph, [1, 1, -1, 3, -3], [1, 0, 0, -6, 2]).Ints());
    }

    [Theory]
    [InlineData(2.5f, 2, 3)]
    [InlineData(-2.5f, -2, -3)]
    [InlineData(0.5f, 0, 1)]
    [InlineData(-0.5f, 0, -1)]
    [InlineData(3.5f, 4, 4)]
    [InlineData(2.4999998f, 2, 2)]
    public void QuantizeRoundsTiesAsItsRoundingSays(float value, int halfToEven, int halfAwayFromZero)
    {
        Assert.Equal(halfToEven, QuantizeKernel.FromFloat(value, 1f, 0, -128, 127, QuantizeRounding.HalfToEven));
        Assert.Equal(halfAwayFromZero, QuantizeKernel.FromFloat(value, 1f, 0, -128, 127, QuantizeRounding.HalfAwayFromZero));
        var graph = new Graph("q", [Float("x", 1), Int8("y", [1], 0.5f, 1)],
            [new Quantize("q", "x", "y", QuantizeRounding.HalfAwayFromZero)], ["x"], ["y"]);
        // through the graph: x = value / 2 at scale 0.5 is the same tie, then the zero point 1
        var output = TinyGen.Reference.Interpreter.Run(graph, [TensorData.FromFloats([value / 2])]).Single().ToInt8();
        Assert.Equal(halfAwayFromZero + 1, output[0]);
    }
}
