using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>tg_dims: {n, h, w, c}.</summary>
public readonly record struct TgDims(int N, int H, int W, int C)
{
    public long Elements => (long)N * H * W * C;

    /// <summary>The dims of a rank-4 NHWC tensor; anything else is a contract break named after <paramref name="op"/>.</summary>
    public static TgDims Nhwc(Tensor tensor, Operation op) =>
        tensor.Rank == 4
            ? new TgDims(tensor.Shape[0], tensor.Shape[1], tensor.Shape[2], tensor.Shape[3])
            : throw new TinyGenException($"{op}: tensor '{tensor.Name}' has shape {tensor.ShapeText}, expected 4-D NHWC");

    public override string ToString() => $"{{{N},{H},{W},{C}}}";
}

/// <summary>tg_tile: note the C struct's order is {w, h}.</summary>
public readonly record struct TgTile(int W, int H);

/// <summary>The integer output clamp [Min, Max] (tg_activation).</summary>
public readonly record struct TgActivation(int Min, int Max)
{
    public static TgActivation From((int Min, int Max) range) => new(range.Min, range.Max);
}

/// <summary>Where one Concat input lands: outer rows of Inner bytes at column Offset of rows Output-inner wide.</summary>
public sealed record ConcatPart(string Tensor, int Outer, int Inner, int Offset);
