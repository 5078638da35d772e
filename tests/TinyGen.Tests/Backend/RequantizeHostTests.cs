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
        var cases = RequantizeCases.Extremes().Concat(RequantizeCases.Random(1_000_000, seed: 20261122)).ToList();
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
}
