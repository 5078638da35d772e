using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Transpose(perm) → Transpose; no perm means the axes reversed.</summary>
internal sealed class TransposeMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(1, 1);
        var x = node.RequireInput(0, "data");
        var y = node.RequireOutput();
        var perm = node.SmallInts("perm") ?? Reversed(context, node, x);
        var sorted = perm.Order().ToArray();
        if (!sorted.SequenceEqual(Enumerable.Range(0, perm.Length)))
            throw node.Error($"perm [{string.Join(",", perm)}] is not a permutation of 0..{perm.Length - 1}");
        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new Transpose(node.Name, x, y, perm));
    }

    private static ImmutableArray<int> Reversed(ImportContext context, OnnxNode node, string x)
    {
        var rank = context.Rank(x) ?? throw node.Error($"has no perm, and the rank of '{x}' is unknown, so the reversed order cannot be written down");
        return Enumerable.Range(0, rank).Reverse().ToImmutableArray();
    }
}
