using TinyGen.Arithmetic;
using TinyGen.Ir;
using TinyGen.Reference.Kernels;

namespace TinyGen.Tests.Reference;

/// <summary>The shared integer primitives on hand-worked values.</summary>
public sealed class FixedPointTests
{
    [Theory]
    [InlineData(int.MinValue, int.MinValue, int.MaxValue)] // the one overflow: (-1) * (-1) saturates just below 1
    [InlineData(1 << 30, 1 << 30, 1 << 29)]                // 0.5 * 0.5 = 0.25
    [InlineData(1, 1 << 30, 1)]                           // 0.5 rounds up to 1
    [InlineData(-1, 1 << 30, 0)]                          // -0.5 rounds up to 0 (nudge 1 - 2^30, then truncation)
    [InlineData(-3, 1 << 30, -1)]                         // -1.5 rounds up to -1
    [InlineData(3, 1 << 30, 2)]                           // 1.5 rounds up to 2
    [InlineData(int.MaxValue, int.MaxValue, int.MaxValue - 1)] // (2^31-1)^2 / 2^31 = 2^31 - 2 + 2^-31
    [InlineData(100, -(1 << 30), -50)]
    public void SaturatingRoundingDoublingHighMul(int a, int b, int expected) =>
        Assert.Equal(expected, FixedPoint.SaturatingRoundingDoublingHighMul(a, b));

    [Theory]
    [InlineData(-5, 1, -3)] // -2.5 away from zero
    [InlineData(5, 1, 3)]
    [InlineData(-6, 2, -2)] // -1.5
    [InlineData(6, 2, 2)]   // 1.5
    [InlineData(-7, 2, -2)] // -1.75
    [InlineData(-5, 2, -1)] // -1.25
    [InlineData(9, 0, 9)]
    [InlineData(int.MinValue, 31, -1)]
    [InlineData(int.MaxValue, 31, 1)] // 0.99999...
    [InlineData(1 << 30, 31, 1)]      // exactly 0.5
    [InlineData(-(1 << 30), 31, -1)]  // exactly -0.5
    public void RoundingDivideByPowerOfTwo(int x, int exponent, int expected) =>
        Assert.Equal(expected, FixedPoint.RoundingDivideByPowerOfTwo(x, exponent));

    [Theory]
    [InlineData(0.5, 1 << 30, 0)]
    [InlineData(1.0, 1 << 30, 1)]
    [InlineData(0.25, 1 << 30, -1)]
    [InlineData(0.75, 3 << 29, 0)]
    [InlineData(2.0, 1 << 30, 2)]
    [InlineData(1.5, 3 << 29, 1)]
    [InlineData(4.6566128730773926e-10, 1 << 30, -30)] // 2^-31 = 0.5 * 2^-30
    [InlineData(1e-12, 0, 0)]                          // about 2^-40: below 2^-32 flushes to zero
    [InlineData(0.99999999988358468, 1 << 30, 1)]      // 1 - 2^-33 rounds to 2^31: the carry
    [InlineData(0.0, 0, 0)]
    public void QuantizedMultiplierFrom(double real, int multiplier, int shift) =>
        Assert.Equal(new QuantizedMultiplier(multiplier, shift), QuantizedMultiplier.From(real));

    [Fact]
    public void QuantizedMultiplierRoundsTheMantissaHalfAwayFromZero()
    {
        // 0.5 + 2^-32: mantissa * 2^31 = 2^30 + 0.5 exactly, which rounds away from zero
        Assert.Equal(new QuantizedMultiplier((1 << 30) + 1, 0), QuantizedMultiplier.From(0.5 + Math.Pow(2, -32)));
    }

    [Theory]
    [InlineData(100, 0.5, 50)]
    [InlineData(3, 0.5, 2)]    // SRDHM(3, 2^30) = 1.5 rounded up
    [InlineData(-3, 0.5, -1)]  // -1.5 rounded up: TFLite's asymmetric tie
    [InlineData(7, 1.5, 11)]   // 10.5 rounded up
    [InlineData(5, 0.125, 1)]  // SRDHM(5, 2^30) = 3 (2.5 up), then 3 / 4 = 0.75 -> 1
    [InlineData(1, 0.25, 1)]   // double rounding: 0.5 -> 1, then 1 / 2 = 0.5 -> 1 (exact 0.25 would give 0)
    [InlineData(-1, 0.25, 0)]  // -0.5 -> 0, then 0
    [InlineData(-6, 0.25, -2)] // -3 exact, then -1.5 away from zero -> -2
    [InlineData(12345, 1.0, 12345)]
    public void MultiplyByQuantizedMultiplier(int x, double real, int expected) =>
        Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(x, QuantizedMultiplier.From(real)));

    [Fact]
    public void ActivationRangesFollowTheOutputQuantization()
    {
        Assert.Equal((-128, 127), ActivationRange.ForInt8(FusedActivation.None, 0.1f, 3));
        Assert.Equal((-5, 127), ActivationRange.ForInt8(FusedActivation.Relu, 0.1f, -5));
        Assert.Equal((-128, -8), ActivationRange.ForInt8(FusedActivation.Relu6, 0.05f, -128)); // 6 / 0.05 = 120
        Assert.Equal((-128, -32), ActivationRange.ForInt8(FusedActivation.Relu6, 1f / 16, -128)); // 6 * 16 = 96 steps above -128
        Assert.Equal((-1, 1), ActivationRange.ForInt8(new FusedActivation(-0.25f, 0.25f), 0.5f, 0)); // +-0.5 steps: away from zero
    }

    [Theory]
    [InlineData(5, 2, 3)]   // 2.5 away from zero
    [InlineData(-5, 2, -3)]
    [InlineData(4, 3, 1)]
    [InlineData(-4, 3, -1)]
    [InlineData(0, 4, 0)]
    [InlineData(10, 4, 3)]  // 2.5
    [InlineData(-10, 4, -3)]
    [InlineData(11, 6, 2)]  // 1.83
    public void AveragePoolRounding(int sum, int count, int expected) =>
        Assert.Equal(expected, AveragePoolKernel.RoundedAverage(sum, count));

    [Fact]
    public void SoftmaxScalingForAScaleOfOneTenth()
    {
        // 0.1 * 2^26 = 6710886.4 = 0.8 * 2^23: multiplier round(0.8 * 2^31), left shift 23;
        // radius = floor(31 * 2^26 / 2^23) = 248
        var scaling = SoftmaxScaling.For(0.1f);
        Assert.Equal(23, scaling.InputLeftShift);
        Assert.Equal((int)Math.Round((double)0.1f * (1 << 26) / (1 << 23) * (1L << 31), MidpointRounding.AwayFromZero), scaling.InputMultiplier);
        Assert.Equal(-248, scaling.DiffMin);
    }
}
