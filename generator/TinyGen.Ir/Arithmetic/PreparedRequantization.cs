namespace TinyGen.Arithmetic;

/// <summary>
/// One output channel's requantization with the work that depends only on its multiplier and shift
/// done at compile time: the fast kernels' tg_requant record (tg_nn.h). For a right shift
/// r = -shift >= 1 the 64-bit rounding constant of the fused double rounding, (2^r + 1) * 2^30, is
/// stored as two halves and r - 1 beside it, so a kernel adds the constant (less 2^31 for a negative
/// accumulator), multiplies-accumulates and shifts the high word. An output offset f can ride along
/// as f * 2^(31 + r) where r &lt;= 24 (<see cref="CanFold"/>); the kernel call then passes 0. A shift
/// &gt;= 0 is marked by a negative <see cref="RightShiftMinusOne"/> and kept in <see cref="RoundHigh"/>.
/// </summary>
public readonly record struct PreparedRequantization(int Multiplier, uint RoundLow, int RoundHigh, int RightShiftMinusOne)
{
    /// <summary>The largest r - 1 whose constant can hold an output offset: the high word stays below 2^31.</summary>
    public const int MaxFoldedRightShiftMinusOne = 23;

    /// <summary>True when every channel's record can hold the output offset (all shift right by 1..24).</summary>
    public static bool CanFold(IEnumerable<QuantizedMultiplier> channels) =>
        channels.All(m => -m.Shift - 1 is >= 0 and <= MaxFoldedRightShiftMinusOne);

    /// <param name="foldedOffset">an output offset to fold in (0 for none); needs a right shift of at most 24</param>
    public static PreparedRequantization For(QuantizedMultiplier m, int foldedOffset = 0)
    {
        var rightMinusOne = -m.Shift - 1;
        if (rightMinusOne < 0) return new PreparedRequantization(m.Multiplier, 0, m.Shift, -1);
        if (foldedOffset != 0 && rightMinusOne > MaxFoldedRightShiftMinusOne)
            throw new ArgumentOutOfRangeException(nameof(foldedOffset), $"a right shift of {rightMinusOne + 1} cannot hold an output offset");
        var constant = (1L << rightMinusOne) * (1L << 31) + (1L << 30) + ((long)foldedOffset << (32 + rightMinusOne));
        return new PreparedRequantization(m.Multiplier, unchecked((uint)constant), (int)(constant >> 32), rightMinusOne);
    }

    /// <summary>The kernels' arithmetic (tg_requantize_prepared): the requantized value plus the folded and the given offset.</summary>
    public int Apply(int x, int outputOffset = 0)
    {
        if (RightShiftMinusOne < 0) return unchecked(FixedPoint.MultiplyByQuantizedMultiplier(x, Multiplier, RoundHigh) + outputOffset);
        var constant = ((long)RoundHigh << 32) | RoundLow;
        var sum = (long)x * Multiplier + constant + ((long)(x >> 31) << 31);
        return ((int)(sum >> 32) >> RightShiftMinusOne) + outputOffset;
    }
}
