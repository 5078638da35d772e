using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// The compile-time half of the GEMM kernels (tg_nn_fast.h): the filter rewritten into the order the
/// two-row microkernel reads it, and the input offset folded into the bias.
/// </summary>
public static class GemmFilterLayout
{
    /// <summary>
    /// Rows of <paramref name="k"/> values (row-major [rows, k]) in GEMM order: blocks of two rows,
    /// each as groups of four k (row 0's four values, then row 1's), then the k % 4 last values
    /// pairwise; an odd last row stays plain.
    /// </summary>
    public static ImmutableArray<sbyte> Blocked(ReadOnlySpan<sbyte> rows, int rowCount, int k)
    {
        if (rows.Length != rowCount * k) throw new ArgumentException($"filter has {rows.Length} values, expected {rowCount} x {k}");
        var result = ImmutableArray.CreateBuilder<sbyte>(rows.Length);
        var whole = k - k % 4;
        var r = 0;
        for (; r + 1 < rowCount; r += 2)
        {
            for (var g = 0; g < whole; g += 4)
                for (var i = 0; i < 2; i++)
                    for (var j = 0; j < 4; j++)
                        result.Add(rows[(r + i) * k + g + j]);
            for (var t = whole; t < k; t++)
                for (var i = 0; i < 2; i++)
                    result.Add(rows[(r + i) * k + t]);
        }
        for (; r < rowCount; r++)
            for (var t = 0; t < k; t++)
                result.Add(rows[r * k + t]);
        return result.MoveToImmutable();
    }

    /// <summary>
    /// bias[r] + inputOffset x (sum of row r), modulo 2^32 like the kernels' accumulators, so the
    /// kernel can multiply raw inputs. Exact only where every tap reads a real or zero-point-filled input.
    /// </summary>
    public static ImmutableArray<int> FoldedBias(ReadOnlySpan<sbyte> rows, int rowCount, int k, ReadOnlySpan<int> bias, int inputOffset)
    {
        var result = ImmutableArray.CreateBuilder<int>(rowCount);
        for (var r = 0; r < rowCount; r++)
        {
            long sum = 0;
            foreach (var w in rows.Slice(r * k, k)) sum += w;
            var b = bias.IsEmpty ? 0L : bias[r];
            result.Add(unchecked((int)(b + inputOffset * sum)));
        }
        return result.MoveToImmutable();
    }
}
