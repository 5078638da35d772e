using TinyGen.Ir;

namespace TinyGen.Planning.Patching;

/// <summary>
/// The per-patch stage cut into tiles: the row and column tilings (independent, so tile (i, j)
/// holds rows Rows.Spans[t][i] and columns Cols.Spans[t][j] of tensor t) and the sizes that follow.
/// </summary>
public sealed class TileGeometry
{
    private readonly Graph graph;

    public TileGeometry(Graph graph, PatchStage stage, int tilesPerSide)
    {
        this.graph = graph;
        Stage = stage;
        TilesPerSide = tilesPerSide;
        Rows = AxisTiling.Compute(stage, tilesPerSide, t => graph[t].Shape[1], o => o.Rows);
        Cols = AxisTiling.Compute(stage, tilesPerSide, t => graph[t].Shape[2], o => o.Cols);
    }

    public PatchStage Stage { get; }
    public int TilesPerSide { get; }
    public AxisTiling Rows { get; }
    public AxisTiling Cols { get; }

    public int TileCount => Rows.TileCount * Cols.TileCount;

    public int Channels(string tensor) => graph[tensor].Shape[3];

    public int Width(string tensor) => graph[tensor].Shape[2];

    /// <summary>Bytes of the largest tile of <paramref name="tensor"/> (rows and columns vary independently, so their maxima meet in one tile).</summary>
    public long TileBytes(string tensor) => (long)Rows.MaxLength(tensor) * Cols.MaxLength(tensor) * Channels(tensor);

    /// <summary>Bytes of the largest window op <paramref name="op"/> reads from operand <paramref name="operand"/>.</summary>
    public long ReadBytes(int op, int operand) =>
        (long)Rows.Reads[op][operand].Max(w => w.Span.Length) * Cols.Reads[op][operand].Max(w => w.Span.Length) * Channels(Stage.Ops[op].Operands[operand].Tensor);

    /// <summary>True when op <paramref name="op"/> reads its operand's whole tile in every tile, so the tile buffer can be passed as is.</summary>
    public bool ReadsWholeTile(int op, int operand)
    {
        var tensor = Stage.Ops[op].Operands[operand].Tensor;
        bool Whole(AxisTiling axis) => axis.Reads[op][operand].Select((w, t) => w.Span == axis.Spans[tensor][t]).All(x => x);
        return Whole(Rows) && Whole(Cols);
    }

    /// <summary>True when every tile reads at least one element of every operand (a window entirely in padding cannot be a kernel call).</summary>
    public bool IsRunnable =>
        Stage.Ops.Select((_, i) => i).All(i => Rows.Reads[i].All(r => r.All(w => !w.Span.IsEmpty)) && Cols.Reads[i].All(r => r.All(w => !w.Span.IsEmpty)));

    /// <summary>Multiply-accumulates of the stage run tile by tile (halos computed again in every tile that needs them).</summary>
    public long TiledMacs()
    {
        long total = 0;
        for (var i = 0; i < Stage.Ops.Length; i++)
        {
            var op = Stage.Ops[i];
            var perElement = MacsPerOutputElement(op);
            if (perElement == 0) continue;
            var rows = Rows.Spans[op.Output].Sum(s => (long)s.Length);
            var cols = Cols.Spans[op.Output].Sum(s => (long)s.Length);
            total += rows * cols * perElement;
        }
        return total;
    }

    private long MacsPerOutputElement(StageOp op)
    {
        var full = Analysis.OpCost.Of(graph, op.Op).Macs;
        var outputElements = graph[op.Output].Shape[1] * (long)graph[op.Output].Shape[2];
        return full / outputElements;
    }
}
