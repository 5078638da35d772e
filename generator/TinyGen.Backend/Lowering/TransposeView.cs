using System.Collections.Immutable;

namespace TinyGen.Lowering;

/// <summary>
/// Reduces a transpose of any rank and element size to an equivalent 4-D int8 transpose (the only
/// one the firmware has). Unit axes do not change memory order, so they are dropped; input axes
/// that stay next to each other in the same order move as one block, so they are merged; a
/// multi-byte element becomes a trailing axis that stays in place; leading 1s pad to rank 4.
/// </summary>
public static class TransposeView
{
    /// <summary>True when the transpose leaves every byte where it was (it only moves unit axes): a view, not a copy.</summary>
    public static bool IsIdentityInMemory(IReadOnlyList<int> shape, IReadOnlyList<int> perm, int elementSize) =>
        ToFourDimensionalBytes(shape, perm, elementSize) is { } view && view.Perm.SequenceEqual([0, 1, 2, 3]);

    /// <summary>The 4-D byte view, or null when even the reduced transpose needs more than 4 axes.</summary>
    public static (ImmutableArray<int> Dims, ImmutableArray<int> Perm)? ToFourDimensionalBytes(IReadOnlyList<int> shape, IReadOnlyList<int> perm, int elementSize)
    {
        // 1. drop unit axes
        var kept = Enumerable.Range(0, shape.Count).Where(a => shape[a] != 1).ToList();
        var newIndex = kept.Select((axis, i) => (axis, i)).ToDictionary(x => x.axis, x => x.i);
        var dims = kept.Select(a => shape[a]).ToList();
        var p = perm.Where(newIndex.ContainsKey).Select(a => newIndex[a]).ToList();

        // 2. merge input axes a, a+1 that appear consecutively (a then a+1) in the output order
        var merged = true;
        while (merged)
        {
            merged = false;
            for (var k = 0; k + 1 < p.Count; k++)
            {
                if (p[k + 1] != p[k] + 1) continue;
                var a = p[k];
                dims[a] *= dims[a + 1];
                dims.RemoveAt(a + 1);
                p.RemoveAt(k + 1);
                for (var i = 0; i < p.Count; i++) if (p[i] > a) p[i]--;
                merged = true;
                break;
            }
        }

        // 3. bytes of one element form a trailing axis that does not move
        if (elementSize > 1)
        {
            p.Add(dims.Count);
            dims.Add(elementSize);
        }
        if (dims.Count > 4) return null;

        // 4. pad to rank 4 with leading unit axes
        var pad = 4 - dims.Count;
        var dims4 = Enumerable.Repeat(1, pad).Concat(dims).ToImmutableArray();
        var perm4 = Enumerable.Range(0, pad).Concat(p.Select(a => a + pad)).ToImmutableArray();
        return (dims4, perm4);
    }
}
