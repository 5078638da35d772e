using System.Collections.Immutable;
using TinyGen.Diagnostics;

namespace TinyGen.Planning.Patching;

/// <summary>What one operand of one stage op reads in tile t along one axis, and the padding its kernel call gets.</summary>
public readonly record struct OperandWindow(TileSpan Span, int Padding);

/// <summary>
/// The tiling of a <see cref="PatchStage"/> along one axis (rows or columns). The stage output is
/// cut into spans of <see cref="TileSize"/> (the last one shorter when it does not divide); walking
/// the ops backwards, each operand's span follows from its consumer's output span through the
/// op's window, and each tensor keeps the hull of what its consumers read in that tile.
/// </summary>
public sealed class AxisTiling
{
    private AxisTiling(int tileSize, int tileCount, ImmutableDictionary<string, ImmutableArray<TileSpan>> spans,
        ImmutableArray<ImmutableArray<ImmutableArray<OperandWindow>>> reads)
    {
        TileSize = tileSize;
        TileCount = tileCount;
        Spans = spans;
        Reads = reads;
    }

    public int TileSize { get; }
    public int TileCount { get; }

    /// <summary>Per stage tensor, the span of it held in each tile.</summary>
    public ImmutableDictionary<string, ImmutableArray<TileSpan>> Spans { get; }

    /// <summary>Reads[op][operand][tile]: the span each op's operand reads (inside the tensor's span) and its kernel padding.</summary>
    public ImmutableArray<ImmutableArray<ImmutableArray<OperandWindow>>> Reads { get; }

    /// <summary>The longest span of the tensor over all tiles: the tile buffer's extent on this axis.</summary>
    public int MaxLength(string tensor) => Spans[tensor].Max(s => s.Length);

    /// <param name="extentOf">a stage tensor's size on this axis</param>
    /// <param name="axisOf">an operand's window on this axis</param>
    public static AxisTiling Compute(PatchStage stage, int tiles, Func<string, int> extentOf, Func<StageOperand, WindowAxis> axisOf)
    {
        var outputExtent = extentOf(stage.Output);
        if (tiles < 1) throw new ArgumentOutOfRangeException(nameof(tiles), tiles, "at least one tile");
        var tileSize = (outputExtent + tiles - 1) / tiles;
        var count = (outputExtent + tileSize - 1) / tileSize;

        var spans = new Dictionary<string, TileSpan[]>(StringComparer.Ordinal)
        {
            [stage.Output] = Enumerable.Range(0, count).Select(t => new TileSpan(t * tileSize, Math.Min(outputExtent, (t + 1) * tileSize))).ToArray(),
        };
        var reads = new ImmutableArray<ImmutableArray<OperandWindow>>[stage.Ops.Length];
        // Ops are in execution order, so walking them backwards sees every consumer of a tensor before its producer.
        for (var i = stage.Ops.Length - 1; i >= 0; i--)
        {
            var op = stage.Ops[i];
            var outputSpans = spans.TryGetValue(op.Output, out var s) ? s : throw new TinyGenException($"internal: the output of {op.Op} is not read in the patch stage");
            reads[i] = op.Operands.Select(operand =>
            {
                var axis = axisOf(operand);
                var extent = extentOf(operand.Tensor);
                var windows = outputSpans.Select(span =>
                {
                    var (read, padding) = axis.InputOf(span, extent);
                    return new OperandWindow(read, padding);
                }).ToImmutableArray();
                if (!spans.TryGetValue(operand.Tensor, out var held))
                    spans[operand.Tensor] = held = new TileSpan[count];
                for (var t = 0; t < count; t++) held[t] = held[t].Hull(windows[t].Span);
                return windows;
            }).ToImmutableArray();
        }
        return new AxisTiling(tileSize, count, spans.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal), reads.ToImmutableArray());
    }
}
