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
/// either rounding step. The same for tg_requantize_prepared, the fast kernels' form with its constants
/// prepared by the generator.
/// </summary>
public sealed class RequantizeHostTests
{
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

    /// <summary>
    /// The fast kernels' tg_requantize_prepared on the records the generator prepares
    /// (<see cref="PreparedRequantization"/>, the output offset folded in where it fits, else passed):
    /// the checker reads each case's x, passed offset and record, so both the compile-time half and the
    /// C half meet the oracle.
    /// </summary>
    private const string PreparedChecker = """
        #include <stdio.h>
        #include <stdlib.h>
        #include "tg_math.h"

        /* argv[1]: x, the passed output offset, then a tg_requant record: six int32 each; argv[2]: tg_requantize_prepared of each. */
        int main(int argc, char **argv)
        {
            if (argc != 3) return 2;
            FILE *in = fopen(argv[1], "rb");
            FILE *out = fopen(argv[2], "wb");
            if (in == NULL || out == NULL) return 3;
            int32_t head[2];
            tg_requant q;
            while (fread(head, sizeof head, 1, in) == 1 && fread(&q, sizeof q, 1, in) == 1) {
                const int32_t result = tg_requantize_prepared(head[0], &q, head[1]);
                if (fwrite(&result, sizeof result, 1, out) != 1) return 4;
            }
            return fclose(out) == 0 ? 0 : 5;
        }
        """;

    [Fact]
    public void Equals_the_reference_on_extremes_ties_and_millions_of_random_triples() =>
        CheckOnHost(Checker, 12, (x, multiplier, shift, _, bytes) =>
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes, x);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], multiplier);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[8..], shift);
        }, withOffset: false);

    [Fact]
    public void Prepared_records_equal_the_reference_with_the_offset_folded_or_passed() =>
        CheckOnHost(PreparedChecker, 24, (x, multiplier, shift, offset, bytes) =>
        {
            // Fold the offset into the record where it fits (as the generator does), else pass it.
            var m = new QuantizedMultiplier(multiplier, shift);
            var fold = PreparedRequantization.CanFold([m]) && (x & 1) == 0;
            var q = PreparedRequantization.For(m, fold ? offset : 0);
            BinaryPrimitives.WriteInt32LittleEndian(bytes, x);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], fold ? 0 : offset);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[8..], q.Multiplier);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[12..], q.RoundLow);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[16..], q.RoundHigh);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[20..], q.RightShiftMinusOne);
        }, withOffset: true);

    [Fact]
    public void The_generators_mirror_of_the_prepared_arithmetic_equals_the_reference()
    {
        var random = new Random(11);
        foreach (var (x, multiplier, shift) in RequantizeCases.Extremes().Concat(RequantizeCases.Random(200_000, seed: 7)))
        {
            var offset = random.Next(-128, 128);
            var m = new QuantizedMultiplier(multiplier, shift);
            var expected = unchecked(FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift) + offset);
            Assert.Equal(expected, PreparedRequantization.For(m).Apply(x, offset));
            if (PreparedRequantization.CanFold([m])) Assert.Equal(expected, PreparedRequantization.For(m, offset).Apply(x));
        }
    }

    private delegate void CaseWriter(int x, int multiplier, int shift, int outputOffset, Span<byte> bytes);

    /// <param name="withOffset">each case also gets an output offset in [-128, 127], which the checker's result includes</param>
    private static void CheckOnHost(string checker, int bytesPerCase, CaseWriter write, bool withOffset)
    {
        Assert.True(HostCompiler.Available, "gcc is needed for this test");
        var cases = RequantizeCases.Extremes().Concat(RequantizeCases.Random(1_000_000, seed: 20261122)).ToList();
        using var folder = new TempFolder();
        var include = Path.Combine(TestPaths.RepoRoot, "firmware", "include");
        File.WriteAllText(Path.Combine(folder.Path, "checker.c"), checker);
        var (built, buildOutput) = HostCompiler.Run("gcc",
            $"{HostCompiler.StrictFlags} -O2 -fsanitize=undefined -fno-sanitize-recover=all -I{include} checker.c -o checker", folder.Path);
        Assert.True(built == 0, $"gcc rejected the checker:\n{buildOutput}");

        var random = new Random(5);
        var offsets = cases.Select(_ => withOffset ? random.Next(-128, 128) : 0).ToArray();
        var input = new byte[cases.Count * bytesPerCase];
        for (var i = 0; i < cases.Count; ++i)
        {
            var (x, multiplier, shift) = cases[i];
            write(x, multiplier, shift, offsets[i], input.AsSpan(i * bytesPerCase, bytesPerCase));
        }
        File.WriteAllBytes(Path.Combine(folder.Path, "cases.bin"), input);
        var (ran, runOutput) = HostCompiler.Run(Path.Combine(folder.Path, "checker"), "cases.bin results.bin", folder.Path);
        Assert.True(ran == 0, $"the checker failed ({ran}):\n{runOutput}");

        var results = File.ReadAllBytes(Path.Combine(folder.Path, "results.bin"));
        Assert.Equal(cases.Count * 4, results.Length);
        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; ++i)
        {
            var (x, multiplier, shift) = cases[i];
            var expected = unchecked(FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift) + offsets[i]);
            var actual = BinaryPrimitives.ReadInt32LittleEndian(results.AsSpan(i * 4));
            if (actual != expected && mismatches.Count < 10)
                mismatches.Add($"({x}, {multiplier}, {shift}) gives {actual}, reference {expected}");
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }
}
