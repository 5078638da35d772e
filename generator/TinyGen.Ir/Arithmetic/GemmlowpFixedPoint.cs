namespace TinyGen.Arithmetic;

/// <summary>
/// The gemmlowp fixed-point functions behind TFLite's int8 softmax and logistic, on raw int32 values.
/// "Qm.n" names a raw int32 read as value = raw / 2^n with m integer bits (m + n = 31);
/// Q0.31's "one" is INT32_MAX. Multiplying Qa and Qb values gives a Q(a+b) value through
/// SaturatingRoundingDoublingHighMul; additions are plain (wrapping) int32 additions.
/// </summary>
public static class GemmlowpFixedPoint
{
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
    /// exp(a) for a &lt;= 0 given with <paramref name="integerBits"/> integer bits, result Q0.31
    /// (gemmlowp's exp_on_negative_values): exp of a's fractional part modulo 1/4 by Taylor, times
    /// exp(-2^k) for every set bit k of the rest; below -32 the result is 0 (only reachable with more
    /// than 5 integer bits); exp(0) is one.
    /// </summary>
    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        if (integerBits is < 0 or > 30) throw new ArgumentOutOfRangeException(nameof(integerBits));
        var fractionalBits = 31 - integerBits;
        var oneQuarter = 1 << (fractionalBits - 2);
        var aModQuarterMinusOneQuarter = (a & (oneQuarter - 1)) - oneQuarter;
        // the value lies in [-1/4, 0), so the rescale to Q0.31 cannot saturate
        var result = ExpOnIntervalBetweenNegativeOneQuarterAndZeroExclusive(SaturatingShiftLeft(aModQuarterMinusOneQuarter, integerBits));
        var remainder = unchecked(aModQuarterMinusOneQuarter - a);
        for (var k = 0; k < ExpOfMinusPowerOfTwo.Length; k++)
        {
            var exponent = k - 2; // this factor stands for 2^exponent
            if (integerBits > exponent && (remainder & (1 << (fractionalBits + exponent))) != 0)
                result = Mul(result, ExpOfMinusPowerOfTwo[k]);
        }
        if (integerBits > 5 && a < -(1 << (36 - integerBits))) result = 0;
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
    /// 1 / (1 + e^-a) in Q0.31 for a given with <paramref name="integerBits"/> integer bits (gemmlowp's
    /// logistic): computed on |a| and mirrored as one minus the result for negative a; exactly 1/2 at 0.
    /// </summary>
    public static int Logistic(int a, int integerBits)
    {
        if (a == 0) return 1 << 30;
        var magnitude = a > 0 ? a : unchecked(-a);
        var positive = OneOverOnePlusX(ExpOnNegativeValues(unchecked(-magnitude), integerBits));
        return a > 0 ? positive : int.MaxValue - positive;
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

    /// <summary>
    /// TFLite's CalculateInputRadius: the largest input magnitude (in input steps) that a fixed-point
    /// number with <paramref name="integerBits"/> integer bits still represents after the left shift.
    /// </summary>
    public static int InputRadius(int integerBits, int leftShift, int totalSignedBits = 31)
    {
        if (leftShift is < 0 or > 62) throw new ArgumentOutOfRangeException(nameof(leftShift), leftShift, "the input scale is outside what TFLite's fixed-point input radius handles");
        var maxInputRescaled = 1.0 * ((1 << integerBits) - 1) * (1L << (totalSignedBits - integerBits)) / (1L << leftShift);
        return (int)Math.Floor(maxInputRescaled);
    }

    private static int Mul(int a, int b) => FixedPoint.SaturatingRoundingDoublingHighMul(a, b);
}
