using System.Buffers.Binary;
using TinyGen.Arithmetic;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Backend;

/// <summary>
/// tg_requantize (firmware/include/tg_math.h) computes TFLite's double-rounding
/// MultiplyByQuantizedMultiplier with one 64-bit multiply-accumulate instead of the literal
/// high-multiply-then-divide. Built with the host gcc under UBSan, it must equal the reference
/// interpreter's FixedPoint (which follows TFLite step by step) on every triple: the extremes of x and
/// the multiplier, every shift in [-31, 31], and millions of random ones, many of them exact ties of
/// either rounding step.
/// </summary>
public sealed class RequantizeHostTests
{
    private const int MinShift = -31;
    private const int MaxShift = 31; // QuantizedMultiplier stops at 30; the kernels' contract goes to 31

    private const string Checker = """
        #include <stdio.h>
        #include <stdlib.h>
        #include "tg_math.h"

        /* argv[1]: (x, multiplier, shift) int32 triples; argv[2]: tg_requantize of each, int32. */
        int main(int argc, char **argv)
        {
            if (argc != 3) return 2;
            FILE *in = fopen(argv[1], "rb");
            FILE *out = fopen(argv[2], "wb");
            if (in == NULL || out == NULL) return 3;
            int32_t triple[3];
            while (fread(triple, sizeof triple, 1, in) == 1) {
                const int32_t result = tg_requantize(triple[0], triple[1], triple[2]);
                if (fwrite(&result, sizeof result, 1, out) != 1) return 4;
            }
            return fclose(out) == 0 ? 0 : 5;
        }
        """;

    [Fact]
    public void Equals_the_reference_on_extremes_ties_and_millions_of_random_triples()
    {
        Assert.True(HostCompiler.Available, "gcc is needed for this test");
        var cases = Cases().ToList();
        using var folder = new TempFolder();
        var include = Path.Combine(TestPaths.RepoRoot, "firmware", "include");
        File.WriteAllText(Path.Combine(folder.Path, "checker.c"), Checker);
        var (built, buildOutput) = HostCompiler.Run("gcc",
            $"{HostCompiler.StrictFlags} -O2 -fsanitize=undefined -fno-sanitize-recover=all -I{include} checker.c -o checker", folder.Path);
        Assert.True(built == 0, $"gcc rejected the checker:\n{buildOutput}");

        var triples = new byte[cases.Count * 12];
        for (var i = 0; i < cases.Count; ++i)
        {
            var (x, multiplier, shift) = cases[i];
            BinaryPrimitives.WriteInt32LittleEndian(triples.AsSpan(i * 12), x);
            BinaryPrimitives.WriteInt32LittleEndian(triples.AsSpan(i * 12 + 4), multiplier);
            BinaryPrimitives.WriteInt32LittleEndian(triples.AsSpan(i * 12 + 8), shift);
        }
        File.WriteAllBytes(Path.Combine(folder.Path, "triples.bin"), triples);
        var (ran, runOutput) = HostCompiler.Run(Path.Combine(folder.Path, "checker"), "triples.bin results.bin", folder.Path);
        Assert.True(ran == 0, $"the checker failed ({ran}):\n{runOutput}");

        var results = File.ReadAllBytes(Path.Combine(folder.Path, "results.bin"));
        Assert.Equal(cases.Count * 4, results.Length);
        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; ++i)
        {
            var (x, multiplier, shift) = cases[i];
            var expected = FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift);
            var actual = BinaryPrimitives.ReadInt32LittleEndian(results.AsSpan(i * 4));
            if (actual != expected && mismatches.Count < 10)
                mismatches.Add($"tg_requantize({x}, {multiplier}, {shift}) = {actual}, reference {expected}");
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    private static IEnumerable<(int X, int Multiplier, int Shift)> Cases()
    {
        // every pairing of the extremes, at every shift
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

        var random = new Random(20261122);
        int Shift() => random.Next(MinShift, MaxShift + 1);
        int Multiplier() => random.Next(0, 3) switch
        {
            0 => random.Next(1 << 30, int.MaxValue) + random.Next(0, 2), // normalized, as QuantizedMultiplier makes them
            1 => random.Next(0, int.MaxValue),
            _ => random.Next(0, 1 << 16),
        };
        for (var i = 0; i < 1_000_000; ++i)
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

        // exact ties: with m = 2^30 the high multiply is x / 2 rounded up (a tie for every odd x), and
        // x = (2j + 1) * 2^r + d puts its result at or next to the half of the final division by 2^r
        for (var i = 0; i < 1_000_000; ++i)
        {
            var right = random.Next(0, 32);
            var odd = 2L * random.Next(-(1 << 10), 1 << 10) + 1;
            var x = (int)Math.Clamp(odd * (1L << right) + random.Next(-2, 3), int.MinValue, int.MaxValue);
            yield return (x, 1 << 30, -right);
        }

        // ties of the high multiply for any multiplier: x * m = (2j + 1) * 2^30 needs m to divide it, so
        // take m = 2^k * odd and x an odd multiple of 2^(30 - k) (k >= 1 keeps x * m even below 2^30)
        for (var i = 0; i < 1_000_000; ++i)
        {
            var k = random.Next(1, 31);
            var multiplier = (int)Math.Min(int.MaxValue, (2L * random.Next(0, 1 << Math.Max(0, 29 - k)) + 1) << k);
            var x = (int)Math.Clamp((2L * random.Next(-(1 << 20), 1 << 20) + 1) << (30 - k), int.MinValue, int.MaxValue);
            yield return (x, multiplier, Shift());
        }
    }
}
