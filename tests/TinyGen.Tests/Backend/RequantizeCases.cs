namespace TinyGen.Tests.Backend;

/// <summary>
/// (x, multiplier, shift) triples for tg_requantize against the reference's FixedPoint: every pairing of
/// the extremes at every shift, and seeded random ones of which two thirds are exact ties of one of the
/// two rounding steps (random triples almost never land on a tie).
/// </summary>
internal static class RequantizeCases
{
    public const int MinShift = -31;
    public const int MaxShift = 31; // QuantizedMultiplier stops at 30; the kernels' contract goes to 31

    public static IEnumerable<(int X, int Multiplier, int Shift)> Extremes()
    {
        int[] xs =
        [
            int.MinValue, int.MinValue + 1, int.MinValue / 2 - 1, int.MinValue / 2, int.MinValue / 2 + 1,
            -(1 << 20) - 1, -(1 << 20), -65537, -32768, -1001, -3, -2, -1, 0, 1, 2, 3, 1001, 32767, 65537,
            1 << 20, (1 << 20) + 1, int.MaxValue / 2, int.MaxValue / 2 + 1, int.MaxValue - 1, int.MaxValue,
        ];
        int[] multipliers = [0, 1, 2, (1 << 30) - 1, 1 << 30, (1 << 30) + 1, 1518500250, int.MaxValue - 1, int.MaxValue];
        foreach (var x in xs)
            foreach (var multiplier in multipliers)
                for (var shift = MinShift; shift <= MaxShift; ++shift)
                    yield return (x, multiplier, shift);
    }

    /// <summary>3 * <paramref name="eachKind"/> triples: plain random, ties of the final division, ties of the high multiply.</summary>
    public static IEnumerable<(int X, int Multiplier, int Shift)> Random(int eachKind, int seed)
    {
        var random = new Random(seed);
        int Shift() => random.Next(MinShift, MaxShift + 1);
        int Multiplier() => random.Next(0, 3) switch
        {
            0 => random.Next(1 << 30, int.MaxValue) + random.Next(0, 2), // normalized, as QuantizedMultiplier makes them
            1 => random.Next(0, int.MaxValue),
            _ => random.Next(0, 1 << 16),
        };
        for (var i = 0; i < eachKind; ++i)
        {
            // full-range x, accumulator-sized x, and x right at the top and bottom
            var x = (i % 3) switch
            {
                0 => random.Next(int.MinValue, int.MaxValue) + random.Next(0, 2),
                1 => random.Next(-(1 << 20), 1 << 20),
                _ => (random.Next(0, 2) == 0 ? int.MinValue : int.MaxValue - 65535) + random.Next(0, 65536),
            };
            yield return (x, Multiplier(), Shift());
        }

        // with m = 2^30 the high multiply is x / 2 rounded up (a tie for every odd x), and
        // x = (2j + 1) * 2^r + d puts its result at or next to the half of the final division by 2^r
        for (var i = 0; i < eachKind; ++i)
        {
            var right = random.Next(0, 32);
            var odd = 2L * random.Next(-(1 << 10), 1 << 10) + 1;
            var x = (int)Math.Clamp(odd * (1L << right) + random.Next(-2, 3), int.MinValue, int.MaxValue);
            yield return (x, 1 << 30, -right);
        }

        // x * m = (2j + 1) * 2^30 ties the high multiply for any multiplier: take m = 2^k * odd and x an
        // odd multiple of 2^(30 - k) (k >= 1 keeps the multiplier below 2^30)
        for (var i = 0; i < eachKind; ++i)
        {
            var k = random.Next(1, 31);
            var multiplier = (int)Math.Min(int.MaxValue, (2L * random.Next(0, 1 << Math.Max(0, 29 - k)) + 1) << k);
            var x = (int)Math.Clamp((2L * random.Next(-(1 << 20), 1 << 20) + 1) << (30 - k), int.MinValue, int.MaxValue);
            yield return (x, multiplier, Shift());
        }
    }
}
