using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// The compile-time half of tg_fully_connected_s8_fast (tg_nn_fast.h, "FC order"): the int8 weights
/// widened to int16 and packed two to a word in the order the four-row microkernel reads them, so
/// each weight word feeds one SMLAD with no unpacking at run time.
/// </summary>
public static class FullyConnectedFilterLayout
{
    /// <summary>Rows per block: four accumulators share each input word.</summary>
    public const int BlockRows = 4;

    /// <summary>
    /// Rows of <paramref name="k"/> values (row-major [rows, k]) as words: blocks of four rows (the
    /// last block holds rows % 4); per block and group of four k, each row's (k, k+2) pair, then each
    /// row's (k+1, k+3) pair; k past the end reads 0. Lane 0 is the low half-word.
    /// </summary>
    public static ImmutableArray<uint> Packed(ReadOnlySpan<sbyte> weights, int rowCount, int k)
    {
        if (weights.Length != rowCount * k) throw new ArgumentException($"filter has {weights.Length} values, expected {rowCount} x {k}");
        var groups = (k + 3) / 4;
        var result = ImmutableArray.CreateBuilder<uint>(rowCount * groups * 2);
        for (var first = 0; first < rowCount; first += BlockRows)
        {
            var rows = Math.Min(BlockRows, rowCount - first);
            for (var g = 0; g < groups; g++)
                foreach (var lane0 in (ReadOnlySpan<int>)[4 * g, 4 * g + 1])
                    for (var r = first; r < first + rows; r++)
                    {
                        var row = weights.Slice(r * k, k);
                        result.Add(Pair(lane0 < k ? row[lane0] : 0, lane0 + 2 < k ? row[lane0 + 2] : 0));
                    }
        }
        return result.MoveToImmutable();
    }

    /// <summary>
    /// <see cref="Packed"/> for <paramref name="rowCount"/> rounded up to a multiple of four by rows of
    /// zeros, so every block has four rows (tg_pointwise_conv_s8_fast reads whole blocks only).
    /// </summary>
    public static ImmutableArray<uint> PackedInWholeBlocks(ReadOnlySpan<sbyte> weights, int rowCount, int k)
    {
        if (weights.Length != rowCount * k) throw new ArgumentException($"filter has {weights.Length} values, expected {rowCount} x {k}");
        var padded = new sbyte[(rowCount + BlockRows - 1) / BlockRows * BlockRows * k];
        weights.CopyTo(padded);
        return Packed(padded, padded.Length / k, k);
    }

    private static uint Pair(int lane0, int lane1) => (ushort)(short)lane0 | ((uint)(ushort)(short)lane1 << 16);
}
