using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// The compile-time half of the MVE GEMM kernels (tg_nn_mve.h): the filter rewritten into the order
/// their microkernel reads it with one pointer, 16 bytes per VMLADAVA. The input offset is folded
/// into the bias as for the DSP GEMM (<see cref="GemmFilterLayout.FoldedBias"/>).
/// </summary>
public static class MveFilterLayout
{
    public const int GroupRows = 4;
    public const int VectorBytes = 16;

    /// <summary>
    /// Rows of <paramref name="k"/> values (row-major [rows, k]) in MVE GEMM order: groups of four
    /// rows, each as the four rows' 16 values in turn for every whole 16 of k, then the four rows'
    /// k % 16 last values in turn; the rows % 4 last rows stay plain.
    /// </summary>
    public static ImmutableArray<sbyte> Grouped(ReadOnlySpan<sbyte> rows, int rowCount, int k)
    {
        if (rows.Length != rowCount * k) throw new ArgumentException($"filter has {rows.Length} values, expected {rowCount} x {k}");
        var result = ImmutableArray.CreateBuilder<sbyte>(rows.Length);
        var whole = k - k % VectorBytes;
        var r = 0;
        for (; r + GroupRows <= rowCount; r += GroupRows)
        {
            for (var chunk = 0; chunk < whole; chunk += VectorBytes)
                for (var i = 0; i < GroupRows; i++)
                    result.AddRange(rows.Slice((r + i) * k + chunk, VectorBytes));
            for (var i = 0; i < GroupRows; i++)
                result.AddRange(rows.Slice((r + i) * k + whole, k - whole));
        }
        result.AddRange(rows[(r * k)..]);
        return result.MoveToImmutable();
    }
}
