using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

/// <summary>
/// TFLite Micro's int8 LOGISTIC and HARD_SWISH: hand-worked fixed-point values, and every one of the
/// 256 inputs against float math (the fixed point may be one step off the correctly rounded value).
/// </summary>
public sealed class ElementwiseFunctionTests
{
    [Fact]
    public void LogisticParametersAreTflmsPrepare()
    {
        // input scale 1/16: 2^-4 * 2^27 = 2^23 = 0.5 * 2^24 -> multiplier 2^30, left shift 24;
        // radius floor(15 * 2^27 / 2^24) = 120
        Assert.Equal(new LogisticInt8(3, 1 << 30, 24, 120), LogisticInt8.For(1f / 16, 3));
        // input scale 0.1f = 13421773 * 2^-27: times 2^27 is 13421773 = (13421773 / 2^24) * 2^24
        // -> multiplier 13421773 * 2^7 = 1717986944 exactly, left shift 24, radius 120
        Assert.Equal(new LogisticInt8(0, 1717986944, 24, 120), LogisticInt8.For(0.1f, 0));
    }

    [Fact]
    public void LogisticHandWorkedValues()
    {
        var logistic = LogisticInt8.For(1f / 16, 0);
        Assert.Equal(0, logistic.Apply(0));       // exactly 1/2 -> 128/256 -> 128 - 128
        Assert.Equal(127, logistic.Apply(120));   // at the radius: saturates
        Assert.Equal(-128, logistic.Apply(-120));
        Assert.Equal(127, logistic.Apply(119));   // 0.99941 * 256 = 255.85 -> 256, clamped
        Assert.Equal(59, logistic.Apply(16));     // sigmoid(1) = 0.731059 * 256 = 187.15 -> 187
        Assert.Equal(-59, logistic.Apply(-16));   // sigmoid(-1) * 256 = 68.85 -> 69
    }

    [Theory]
    [InlineData(1f / 16, 0)]
    [InlineData(0.1f, -20)]
    [InlineData(0.0371f, 17)]
    [InlineData(0.5f, 5)]
    [InlineData(1f / 256, -128)]
    public void LogisticIsWithinOneStepOfFloat(float scale, int zeroPoint)
    {
        var logistic = LogisticInt8.For(scale, zeroPoint);
        for (var x = -128; x <= 127; x++)
        {
            var real = 1 / (1 + Math.Exp(-scale * (x - zeroPoint)));
            var expected = Math.Clamp(Math.Round(real * 256) - 128, -128, 127);
            Assert.InRange(logistic.Apply(x) - expected, -1, 1);
        }
    }

    [Fact]
    public void GemmlowpLogisticIsOneHalfAtZeroAndMirrorsForNegativeInputs()
    {
        Assert.Equal(1 << 30, GemmlowpFixedPoint.Logistic(0, 4));
        // logistic(-a) = 1 - logistic(a), with one as INT32_MAX
        var a = 3 << 26; // 1.5 in Q4.27
        Assert.Equal(int.MaxValue - GemmlowpFixedPoint.Logistic(a, 4), GemmlowpFixedPoint.Logistic(-a, 4));
        Assert.InRange(GemmlowpFixedPoint.Logistic(a, 4) / 2147483648.0, 1 / (1 + Math.Exp(-1.5)) - 1e-6, 1 / (1 + Math.Exp(-1.5)) + 1e-6);
    }

    [Fact]
    public void HardSwishParametersAreTflmsPrepare()
    {
        // in 1/16, out 1/16: hires 2^-11; output 2^-7 = 0.5 * 2^-6 -> Q31 2^30 -> Q15 16384, exponent -6;
        // reluish 2^-11 / (3 / 2^15) = 16/3 = 0.6667 * 2^3 -> Q31 1431655765 -> Q15 21845, exponent 3
        Assert.Equal(new HardSwishInt8(0, 0, 16384, -6, 21845, 3), HardSwishInt8.For(1f / 16, 0, 1f / 16, 0));
        Assert.Equal(short.MaxValue, HardSwishInt8.DownScaleToInt16(int.MaxValue - (1 << 15)));
        Assert.Equal(16384, HardSwishInt8.DownScaleToInt16((1 << 30) + (1 << 15) - 1));
    }

    [Fact]
    public void HardSwishHandWorkedValues()
    {
        var hardSwish = HardSwishInt8.For(1f / 16, 0, 1f / 16, 0);
        Assert.Equal(0, hardSwish.Apply(0));
        // x = 3 (48): preshift SRDHM(6144, 16384) = 3072; reluish saturates to 32767 -> [0,1] 32767;
        // SDHM(32767, 3072) = 3071; RDBPOT(3071, 6) = 48 -> 3.0
        Assert.Equal(48, hardSwish.Apply(48));
        // x = -3 (-48): reluish -32768 -> 0: output 0
        Assert.Equal(0, hardSwish.Apply(-48));
        // x = 1 (16): preshift 1024; reluish SRDHM(8192, 21845) = 5461, doubled 10922, -> 21845;
        // SDHM(21845, 1024) = 682; RDBPOT(682, 6) = 11 (10.66) -> 0.6875 for hardswish(1) = 0.6667
        Assert.Equal(11, hardSwish.Apply(16));
    }

    [Theory]
    [InlineData(1f / 16, 0, 1f / 16, 0)]
    [InlineData(0.05f, -10, 0.04f, -100)]
    [InlineData(0.1f, 20, 0.2f, -60)]
    [InlineData(0.02f, 0, 0.01f, -90)]
    public void HardSwishIsWithinOneStepOfFloat(float inScale, int inZero, float outScale, int outZero)
    {
        var hardSwish = HardSwishInt8.For(inScale, inZero, outScale, outZero);
        for (var x = -128; x <= 127; x++)
        {
            var r = inScale * (x - inZero);
            var real = r * Math.Clamp(r + 3, 0, 6) / 6;
            var expected = Math.Clamp(Math.Round(real / outScale) + outZero, -128, 127);
            Assert.InRange(hardSwish.Apply(x) - expected, -1, 1);
        }
    }

    [Fact]
    public void HardSwishNeedingALeftOutputShiftIsRejectedLikeTflm()
    {
        // hires / output = (1/128) / (1/1024) = 8 > 1
        Assert.Throws<ArgumentOutOfRangeException>(() => HardSwishInt8.For(1f, 0, 1f / 1024, 0));
    }

    [Fact]
    public void KernelsApplyTheArithmeticToEveryElement()
    {
        var logistic = OneOp(new ElementwiseFunction("sig", "x", "y", UnaryFunction.Logistic),
            Int8("x", [1, 4], 1f / 16, 0), Int8("y", [1, 4], 1f / 256, -128));
        Assert.Equal([0, 59, -59, 127], RunInt8(logistic, [0, 16, -16, 120]).Ints());
        var hardSwish = OneOp(new ElementwiseFunction("hs", "x", "y", UnaryFunction.HardSwish),
            Int8("x", [4], 1f / 16, 0), Int8("y", [4], 1f / 16, 0));
        Assert.Equal([0, 48, 0, 11], RunInt8(hardSwish, [0, 48, -48, 16]).Ints());
        var wrongOutput = OneOp(new ElementwiseFunction("sig", "x", "y", UnaryFunction.Logistic),
            Int8("x", [4], 1f / 16, 0), Int8("y", [4], 1f / 128, -128));
        Assert.Contains("1/256", Assert.Throws<TinyGenException>(() => RunInt8(wrongOutput, [0, 1, 2, 3])).Message);
    }
}
