using TinyGen.Arithmetic;
using TinyGen.Ir;
using TinyGen.Reference.Kernels;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class SoftmaxKernelTests
{
    private static Graph SoftmaxGraph(int rows, int rowSize, float inputScale, int inputZp = 0, float beta = 1f) =>
        OneOp(new Softmax("s", "x", "y", 1, beta),
            Int8("x", [rows, rowSize], inputScale, inputZp), Int8("y", [rows, rowSize], 1f / 256, -128));

    [Fact]
    public void EqualValuesGiveOneOverN()
    {
        // every exp is one, the sum is n * 2^19 and the result round(256 / n) - 128, saturated:
        // 256 -> 127 (saturates), 128 -> 0, 85.3 -> -43, 64 -> -64, 51.2 -> -77, 42.7 -> -85, 36.6 -> -91, 32 -> -96, 28.4 -> -100, 25.6 -> -102
        int[] expected = [127, 0, -43, -64, -77, -85, -91, -96, -100, -102];
        for (var n = 1; n <= 10; n++)
        {
            var graph = SoftmaxGraph(1, n, 0.1f);
            var output = RunInt8(graph, Enumerable.Repeat(n * 7 - 30, n).ToArray()).Ints();
            Assert.All(output, v => Assert.Equal(expected[n - 1], v));
        }
    }

    [Fact]
    public void OneHotRows()
    {
        // scale 0.1: diff_min is -248. A difference of -255 is cut off (-128 without any exp);
        // -200 is kept but exp(-20) * 256 is far below half a step, so the row is still one-hot.
        var graph = SoftmaxGraph(2, 4, 0.1f);
        var output = RunInt8(graph, [127, -128, -128, -128, -100, 100, -100, -100]).Ints();
        Assert.Equal([127, -128, -128, -128, -128, 127, -128, -128], output);
    }

    [Fact]
    public void TwoValuesOneStepOfLnTwoApart()
    {
        // scale ln(2) / 16 with a difference of 16 steps: probabilities 2/3 and 1/3 -> 170.67 -> 171 and 85.33 -> 85
        var graph = SoftmaxGraph(1, 2, (float)(Math.Log(2) / 16));
        Assert.Equal([43, -43], RunInt8(graph, [20, 4]).Ints());
    }

    [Theory]
    [InlineData(0.1f, 1f, 10)]
    [InlineData(0.05f, 1f, 16)]
    [InlineData(0.25f, 1f, 8)]
    [InlineData(0.02f, 1f, 100)]
    [InlineData(0.1f, 0.5f, 12)]
    [InlineData(0.0625f, 1f, 1000)]
    public void RandomRowsAreWithinOneStepOfFloatSoftmax(float scale, float beta, int rowSize)
    {
        var random = new Random(rowSize);
        const int rows = 40;
        var x = RandomInt8(random, rows * rowSize);
        var output = RunInt8(SoftmaxGraph(rows, rowSize, scale, 0, beta), x).Ints();
        var offByOne = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = x.Skip(r * rowSize).Take(rowSize).ToArray();
            var max = row.Max();
            var exps = row.Select(v => Math.Exp((double)beta * scale * (v - max))).ToArray();
            var sum = exps.Sum();
            for (var i = 0; i < rowSize; i++)
            {
                var ideal = Math.Clamp((int)Math.Round(exps[i] / sum * 256) - 128, -128, 127);
                var actual = output[r * rowSize + i];
                Assert.InRange(actual, ideal - 1, ideal + 1);
                if (actual != ideal) offByOne++;
            }
        }
        Assert.True(offByOne * 20 <= rows * rowSize, $"{offByOne} of {rows * rowSize} outputs are one step off");
    }

    [Fact]
    public void ExpOnTheQuarterIntervalIsTheTaylorPolynomialAroundMinusOneEighth()
    {
        // gemmlowp evaluates exp(-1/8) * (1 + x + x^2/2 + x^3/6 + x^4/24) with x = a + 1/8 in Q0.31 steps;
        // the same polynomial in double agrees to a few units of 2^-31 (the fixed-point roundings only)
        for (long raw = -(1L << 29); raw < 0; raw += 65537)
        {
            var x = raw / 2147483648.0 + 0.125;
            var expected = Math.Exp(-0.125) * (1 + x + x * x / 2 + x * x * x / 6 + x * x * x * x / 24);
            var actual = SoftmaxFixedPoint.ExpOnIntervalBetweenNegativeOneQuarterAndZeroExclusive((int)raw) / 2147483648.0;
            Assert.True(Math.Abs(actual - expected) < 4 * Math.Pow(2, -31), $"a = {raw}: {actual} vs {expected}");
        }
    }

    [Fact]
    public void ExpOnNegativeValuesTracksExp()
    {
        // a in Q5.26 from 0 down to -31.99; the 4th-order Taylor step bounds the relative error by
        // (1/8)^5 / 120 = 2.5e-7, so exp(a) in Q0.31 lies within 3e-7 of the true value
        for (long raw = 0; raw > -(32L << 26); raw -= 1234567)
        {
            var a = (int)raw;
            var expected = Math.Exp(a / (double)(1 << 26));
            var actual = SoftmaxFixedPoint.ExpOnNegativeValues(a) / 2147483648.0;
            Assert.True(Math.Abs(actual - expected) < 3e-7, $"exp({a / (double)(1 << 26)}) = {actual}, expected {expected}");
        }
        Assert.Equal(int.MaxValue, SoftmaxFixedPoint.ExpOnNegativeValues(0));
    }

    [Fact]
    public void OneOverOnePlusXTracksTheReciprocal()
    {
        for (long raw = 0; raw <= int.MaxValue; raw += 9876543)
        {
            var expected = 1 / (1 + raw / 2147483648.0);
            var actual = SoftmaxFixedPoint.OneOverOnePlusX((int)raw) / 2147483648.0;
            Assert.True(Math.Abs(actual - expected) < Math.Pow(2, -28), $"1/(1+{raw / 2147483648.0}) = {actual}, expected {expected}");
        }
    }

    [Fact]
    public void HandWorkedFixedPointSteps()
    {
        // exp on [-1/4, 0): at -1/8 (x = 0) the Taylor terms vanish and the result is exp(-1/8) itself
        Assert.Equal(1895147668, SoftmaxFixedPoint.ExpOnIntervalBetweenNegativeOneQuarterAndZeroExclusive(-(1 << 28)));
        // exp(-1) in Q5.26 is -2^26: its fractional part mod 1/4 is 0, so the result is exp(-1/4) * ... :
        // a mod 1/4 - 1/4 = -1/4, remainder = 3/4 -> exp(-1/4) * exp(-1/4) * exp(-1/2) = exp(-1)
        var expMinusOne = SoftmaxFixedPoint.ExpOnNegativeValues(-(1 << 26));
        Assert.InRange(expMinusOne / 2147483648.0, Math.Exp(-1) - 3e-7, Math.Exp(-1) + 3e-7);
        // half denominator of x = 0 is (0 + one) / 2 rounded: 2^30
        Assert.Equal(1 << 30, SoftmaxFixedPoint.RoundingHalfSum(0, int.MaxValue));
        Assert.Equal(int.MaxValue, SoftmaxFixedPoint.SaturatingShiftLeft(1 << 30, 1));
        Assert.Equal(int.MinValue, SoftmaxFixedPoint.SaturatingShiftLeft(-(1 << 30) - 1, 1));
        Assert.Equal(-(1 << 30), SoftmaxFixedPoint.SaturatingShiftLeft(-(1 << 29), 1));
        // reciprocal of a sum of 3 * 2^19 in Q12.19 (= 1.5): one bit over unit, scale 2/3
        var (scale, bitsOverUnit) = SoftmaxFixedPoint.Reciprocal(3 << 19, 12);
        Assert.Equal(1, bitsOverUnit);
        Assert.InRange(scale / 2147483648.0, 2.0 / 3 - 1e-8, 2.0 / 3 + 1e-8);
    }

    [Fact]
    public void LongRowsWhoseShiftExceeds31GiveMinusOneTwentyEight()
    {
        // 600 equal values: sum = 600 * 2^19 > 2^28, num_bits_over_unit + 23 = 33. Every true output is
        // 256 / 600 = 0.43 -> 0 -> -128, as the C kernel defines that case.
        var output = RunInt8(SoftmaxGraph(1, 600, 0.1f), new int[600]).Ints();
        Assert.All(output, v => Assert.Equal(-128, v));
    }

    [Fact]
    public void RejectsAnOutputThatIsNotOneOver256()
    {
        var graph = OneOp(new Softmax("s", "x", "y", 1), Int8("x", [1, 4], 0.1f, 0), Int8("y", [1, 4], 1f / 255, -128));
        Assert.Throws<TinyGen.Diagnostics.TinyGenException>(() => RunInt8(graph, [1, 2, 3, 4]));
    }

    [Fact]
    public void RejectsAnInputScaleTooSmallForTheFixedPointExp()
    {
        // scale * 2^26 below 0.5 would need a right shift, which TFLite's int8 softmax does not allow
        var error = Assert.Throws<TinyGen.Diagnostics.TinyGenException>(() => RunInt8(SoftmaxGraph(1, 2, 1e-9f), [1, 2]));
        Assert.Contains("Softmax 's'", error.Message);
    }

    [Fact]
    public void SoftmaxScalingIsUsedAsIs()
    {
        // the beta multiplies the input scale: scale 0.2 with beta 0.5 is the same as scale 0.1 with beta 1
        var a = RunInt8(SoftmaxGraph(1, 5, 0.2f, 0, 0.5f), [10, 20, 30, 40, 50]);
        var b = RunInt8(SoftmaxGraph(1, 5, 0.1f), [10, 20, 30, 40, 50]);
        Assert.Equal(SoftmaxScaling.For(0.1f), SoftmaxScaling.For(0.2f, 0.5f));
        Assert.Equal(b, a);
    }
}
