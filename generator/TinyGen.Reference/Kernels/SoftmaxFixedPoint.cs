using TinyGen.Arithmetic;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// The gemmlowp fixed-point functions (see <see cref="GemmlowpFixedPoint"/>) at the bit widths of
/// TFLite's int8 softmax: the scaled input difference fed to exp is Q5.26, the sum of exponentials Q12.19.
/// </summary>
public static class SoftmaxFixedPoint
{
    /// <summary>Integer bits of the scaled input difference fed to exp (Q5.26).</summary>
    public const int InputIntegerBits = SoftmaxScaling.ScaledDiffIntegerBits;

    /// <summary>Integer bits of the sum of exponentials (Q12.19).</summary>
    public const int AccumulationIntegerBits = 12;

    public static int ExpOnIntervalBetweenNegativeOneQuarterAndZeroExclusive(int a) =>
        GemmlowpFixedPoint.ExpOnIntervalBetweenNegativeOneQuarterAndZeroExclusive(a);

    /// <summary>exp(a) for a &lt;= 0 given in Q5.26, result Q0.31.</summary>
    public static int ExpOnNegativeValues(int a) => GemmlowpFixedPoint.ExpOnNegativeValues(a, InputIntegerBits);

    public static int OneOverOnePlusX(int a) => GemmlowpFixedPoint.OneOverOnePlusX(a);

    /// <summary>
    /// TFLite's GetReciprocal: for a positive sum in Q(integerBits), the Q0.31 scale 1 / (sum / 2^bitsOverUnit)
    /// and bitsOverUnit, the power of two the sum exceeds one by.
    /// </summary>
    public static (int Scale, int BitsOverUnit) Reciprocal(int sum, int integerBits)
    {
        var headroomPlusOne = System.Numerics.BitOperations.LeadingZeroCount((uint)sum);
        var bitsOverUnit = integerBits - headroomPlusOne;
        var shiftedSumMinusOne = unchecked((int)(((uint)sum << headroomPlusOne) - (1u << 31)));
        return (GemmlowpFixedPoint.OneOverOnePlusX(shiftedSumMinusOne), bitsOverUnit);
    }

    public static int RoundingHalfSum(int a, int b) => GemmlowpFixedPoint.RoundingHalfSum(a, b);

    public static int SaturatingShiftLeft(int x, int exponent) => GemmlowpFixedPoint.SaturatingShiftLeft(x, exponent);
}
