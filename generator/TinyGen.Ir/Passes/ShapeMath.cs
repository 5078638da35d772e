using System.Collections.Immutable;
using TinyGen.Diagnostics;

namespace TinyGen.Passes;

/// <summary>Shape arithmetic shared by shape inference and the layout pass.</summary>
public static class ShapeMath
{
    public static int NormalizeAxis(int axis, int rank, string user)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new TinyGenException($"{user}: axis {axis} is out of range for rank {rank}");
        return a;
    }

    public static ImmutableArray<int> Broadcast(ImmutableArray<int> a, ImmutableArray<int> b, string user)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new TinyGenException($"{user}: shapes [{string.Join(",", a)}] and [{string.Join(",", b)}] do not broadcast");
            result[i] = Math.Max(da, db);
        }
        return [.. result];
    }

    public static ImmutableArray<int> Permute(ImmutableArray<int> shape, IReadOnlyList<int> perm) => perm.Select(p => shape[p]).ToImmutableArray();

    public static int[] Inverse(IReadOnlyList<int> perm)
    {
        var inverse = new int[perm.Count];
        for (var i = 0; i < perm.Count; i++) inverse[perm[i]] = i;
        return inverse;
    }

    public static long Product(IEnumerable<int> dims) => dims.Aggregate(1L, (p, d) => p * d);

    /// <summary>
    /// True when permuting by <paramref name="perm"/> leaves bytes in memory order: the axes of
    /// size greater than one keep their relative order.
    /// </summary>
    public static bool IsMemoryOrderPreserving(ImmutableArray<int> shape, IReadOnlyList<int> perm)
    {
        var last = -1;
        foreach (var axis in perm)
        {
            if (shape[axis] == 1) continue;
            if (axis < last) return false;
            last = axis;
        }
        return true;
    }

    public static readonly int[] NchwToNhwc = [0, 2, 3, 1];
    public static readonly int[] NhwcToNchw = [0, 3, 1, 2];
}
