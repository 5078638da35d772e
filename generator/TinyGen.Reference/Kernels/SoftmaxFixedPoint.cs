using System.Numerics;
using TinyGen.Arithmetic;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// The gemmlowp fixed-point functions behind TFLite's int8 softmax, on raw int32 values.
/// "Qm.n" names a raw int32 read as value = raw / 2^n with m integer bits (m + n = 31);
/// Q0.31's "one" is INT32_MAX. Multiplying Qa and Qb values gives a Q(a+b) value through
/// SaturatingRoundingDoublingHighMul; additions are plain (wrapping) int32 additions.
/// </summary>
public static class SoftmaxFixedPoint
{
    /// <summary>Integer bits of the scaled input difference fed to exp (Q5.26).</summary>
    public const int InputIntegerBits = SoftmaxScaling.ScaledDiffIntegerBits;

    /// <summary>Integer bits of the sum of exponentials (Q12.19).</summary>
    public const int AccumulationIntegerBits = 12;

    private const int ExpOfMinusOneEighth = 1895147668;   // exp(-1/8) in Q0.31
    private const int OneThird = 715827883;               // 1/3 in Q0.31
    private const int FortyEightSeventeenths = 1515870810; // 48/17 in Q2.29
    private const int MinusThirtyTwoSeventeenths = -1010580540; // -32/17 in Q2.29

    /// <summary>exp(-2^k) in Q0.31 for k = -2 .. 4: the factors of the barrel shifter over the integer bits.</summary>
    private static readonly int[] ExpOfMinusPowerOfTwo = [1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242];

    /// <summary>exp(a) for a in [-1/4, 0), a and result Q0.31: a 4th-order Taylor expansion around -1/8.</summary>
    public static int ExpOnIntervalBetweenNegativeOneQuarterAndZeroExclusive(int a)
    {
        var x = a + (1 << 28); // a + 1/8
        var x2 = Mul(x, x);
        var x3 = Mul(x2, x);
        var x4 = Mul(x2, x2);
        var x4Over4 = FixedPoint.RoundingDivideByPowerOfTwo(x4, 2);
        var x4Over24PlusX3Over6PlusX2Over2 = FixedPoint.RoundingDivideByPowerOfTwo(Mul(x4Over4 + x3, OneThird) + x2, 1);
        return ExpOfMinusOneEighth + Mul(ExpOfMinusOneEighth, x + x4Over24PlusX3Over6PlusX2Over2);
    }

    /// <summary>
    /// exp(a) for a &lt;= 0 given in Q5.26, result Q0.31 (gemmlowp's exp_on_negative_values with
    /// 5 integer bits): exp of a's fractional part modulo 1/4 by Taylor, times exp(-2^k) for every
    /// set bit k of the rest. With 5 integer bits gemmlowp's clamp below -32 does not apply.
    /// </summary>
    public static int ExpOnNegativeValues(int a)
    {
        const int fractionalBits = 31 - InputIntegerBits;
        const int oneQuarter = 1 << (fractionalBits - 2);
        var aModQuarterMinusOneQuarter = (a & (oneQuarter - 1)) - oneQuarter;
        // Q5.26 -> Q0.31 is a left shift by 5; the value lies in [-1/4, 0), so it cannot saturate.
        var result = ExpOnIntervalBetweenNegativeOneQuarterAndZeroExclusive(SaturatingShiftLeft(aModQuarterMinusOneQuarter, InputIntegerBits));
        var remainder = aModQuarterMinusOneQuarter - a;
        for (var k = 0; k < ExpOfMinusPowerOfTwo.Length; k++)
        {
            // bit (fractionalBits - 2 + k) stands for 2^(k - 2); k runs while it is below the sign bit
            if (InputIntegerBits > k - 2 && (remainder & (1 << (fractionalBits - 2 + k))) != 0)
                result = Mul(result, ExpOfMinusPowerOfTwo[k]);
        }
        return a == 0 ? int.MaxValue : result;
    }

    /// <summary>1 / (1 + a) for a in [0, 1), a and result Q0.31: three Newton-Raphson steps on the half denominator.</summary>
    public static int OneOverOnePlusX(int a)
    {
        var halfDenominator = RoundingHalfSum(a, int.MaxValue); // (1 + a) / 2, Q0.31
        var x = FortyEightSeventeenths + Mul(halfDenominator, MinusThirtyTwoSeventeenths); // Q2.29
        const int oneQ2 = 1 << 29;
        for (var i = 0; i < 3; i++)
        {
            var halfDenominatorTimesX = Mul(halfDenominator, x);                 // Q2.29
            var oneMinusHalfDenominatorTimesX = oneQ2 - halfDenominatorTimesX;   // Q2.29
            x += SaturatingShiftLeft(Mul(x, oneMinusHalfDenominatorTimesX), 2);  // Q4.27 -> Q2.29
        }
        // x / 2 read as Q1.30, then rescaled to Q0.31
        return SaturatingShiftLeft(x, 1);
    }

    /// <summary>
    /// TFLite's GetReciprocal: for a positive sum in Q(integerBits), the Q0.31 scale 1 / (sum / 2^bitsOverUnit)
    /// and bitsOverUnit, the power of two the sum exceeds one by.
    /// </summary>
    public static (int Scale, int BitsOverUnit) Reciprocal(int sum, int integerBits)
    {
        var headroomPlusOne = BitOperations.LeadingZeroCount((uint)sum);
        var bitsOverUnit = integerBits - headroomPlusOne;
        var shiftedSumMinusOne = unchecked((int)(((uint)sum << headroomPlusOne) - (1u << 31)));
        return (OneOverOnePlusX(shiftedSumMinusOne), bitsOverUnit);
    }

    /// <summary>(a + b) / 2 rounded half away from zero, in 64 bits (gemmlowp's RoundingHalfSum).</summary>
    public static int RoundingHalfSum(int a, int b)
    {
        var sum = (long)a + b;
        return (int)((sum + (sum >= 0 ? 1 : -1)) / 2);
    }

    /// <summary>x * 2^exponent saturated to int32 (gemmlowp's SaturatingRoundingMultiplyByPOT for a positive exponent).</summary>
    public static int SaturatingShiftLeft(int x, int exponent)
    {
        var threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) return int.MaxValue;
        if (x < -threshold) return int.MinValue;
        return x << exponent;
    }

    private static int Mul(int a, int b) => FixedPoint.SaturatingRoundingDoublingHighMul(a, b);
}
