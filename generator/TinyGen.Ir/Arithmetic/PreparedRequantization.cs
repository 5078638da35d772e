namespace TinyGen.Arithmetic;

/// <summary>
/// One output channel's requantization with the work that depends only on its multiplier and shift
/// done at compile time: the fast kernels' tg_requant record (tg_nn.h). For a right shift
/// r = -shift >= 1 the 64-bit rounding constant of the fused double rounding, (2^r + 1) * 2^30, is
/// stored as two halves and r - 1 beside it, so a kernel adds the constant (less 2^31 for a negative
/// accumulator), multiplies-accumulates and shifts the high word; a shift >= 0 is marked by a
/// negative <see cref="RightShiftMinusOne"/> (its one's complement) and takes the general path.
/// </summary>
public readonly record struct PreparedRequantization(int Multiplier, uint RoundLow, int RoundHigh, int RightShiftMinusOne)
{
    public static PreparedRequantization For(QuantizedMultiplier m)
    {
        var rightMinusOne = -m.Shift - 1;
        if (rightMinusOne < 0) return new PreparedRequantization(m.Multiplier, 0, 0, rightMinusOne);
        var constant = (1L << rightMinusOne) * (1L << 31) + (1L << 30);
        return new PreparedRequantization(m.Multiplier, unchecked((uint)constant), (int)(constant >> 32), rightMinusOne);
    }

    /// <summary>The kernels' arithmetic (tg_requantize_prepared), for checking it against MultiplyByQuantizedMultiplier.</summary>
    public int Apply(int x)
    {
        if (RightShiftMinusOne < 0) return FixedPoint.MultiplyByQuantizedMultiplier(x, Multiplier, ~RightShiftMinusOne);
        var constant = ((long)RoundHigh << 32) | RoundLow;
        var sum = (long)x * Multiplier + constant + ((long)(x >> 31) << 31);
        return (int)(sum >> 32) >> RightShiftMinusOne;
    }
}
