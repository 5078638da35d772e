using System.Buffers.Binary;

namespace TinyGen.Fuzzing;

/// <summary>Format-blind corruptions of a file's bytes: what a bad disk, a bad download or a careless tool does.</summary>
public static class ByteMutators
{
    public static IReadOnlyList<Mutator> All { get; } =
    [
        new("flip-bits", FlipBits),
        new("interesting-byte", InterestingByte),
        new("interesting-int32", InterestingInt32),
        new("truncate", Truncate),
        new("delete-block", DeleteBlock),
        new("insert-random", InsertRandom),
        new("duplicate-block", DuplicateBlock),
    ];

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x08, 0x0A, 0x12, 0x1A];
    private static readonly int[] InterestingInts = [0, -1, 1, int.MaxValue, int.MinValue, 0x7FFF, 0x10000, 65535, -129, 1 << 28];

    private static byte[]? FlipBits(byte[] input, Random random)
    {
        if (input.Length == 0) return null;
        var output = (byte[])input.Clone();
        var flips = 1 + random.Next(8);
        for (var i = 0; i < flips; i++) output[random.Next(output.Length)] ^= (byte)(1 << random.Next(8));
        return output;
    }

    private static byte[]? InterestingByte(byte[] input, Random random)
    {
        if (input.Length == 0) return null;
        var output = (byte[])input.Clone();
        output[random.Next(output.Length)] = InterestingBytes[random.Next(InterestingBytes.Length)];
        return output;
    }

    private static byte[]? InterestingInt32(byte[] input, Random random)
    {
        if (input.Length < 4) return null;
        var output = (byte[])input.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(random.Next(output.Length - 3)), InterestingInts[random.Next(InterestingInts.Length)]);
        return output;
    }

    private static byte[]? Truncate(byte[] input, Random random) =>
        input.Length == 0 ? null : input[..random.Next(input.Length)];

    private static byte[]? DeleteBlock(byte[] input, Random random)
    {
        if (input.Length < 2) return null;
        var start = random.Next(input.Length);
        var length = 1 + random.Next(Math.Min(64, input.Length - start));
        return [.. input.AsSpan(0, start), .. input.AsSpan(start + length)];
    }

    private static byte[]? InsertRandom(byte[] input, Random random)
    {
        var at = random.Next(input.Length + 1);
        var block = new byte[1 + random.Next(16)];
        random.NextBytes(block);
        return [.. input.AsSpan(0, at), .. block, .. input.AsSpan(at)];
    }

    private static byte[]? DuplicateBlock(byte[] input, Random random)
    {
        if (input.Length == 0) return null;
        var start = random.Next(input.Length);
        var length = 1 + random.Next(Math.Min(256, input.Length - start));
        var at = random.Next(input.Length + 1);
        return [.. input.AsSpan(0, at), .. input.AsSpan(start, length), .. input.AsSpan(at)];
    }
}
