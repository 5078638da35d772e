using TinyGen.Planning.Patching;
using Xunit.Abstractions;

namespace TinyGen.Tests.Backend.Patching;

/// <summary>
/// The tile windows against two oracles computed without them: brute-force dependency tracing
/// (which pixels of every tensor each output tile really reads) and a tiled evaluation of the
/// stack with kernel semantics (taps outside the given input skipped) that must equal the full one.
/// </summary>
public sealed class TileGeometryTests(ITestOutputHelper output)
{
    [Fact]
    public void Windows_hold_every_pixel_each_tile_depends_on_and_start_and_end_on_one_when_undilated()
    {
        var rng = new Random(20211206);
        for (var trial = 0; trial < 150; trial++)
        {
            var dilated = trial % 2 == 0;
            var stack = RandomStack.Create(rng, allowDilation: dilated);
            var stage = stack.Stage;
            var p = rng.Next(1, 9);
            foreach (var rows in new[] { true, false })
            {
                var tiling = AxisTiling.Compute(stage, p, t => stack.Extent(t, rows), o => rows ? o.Rows : o.Cols);
                var outputExtent = stack.Extent(stack.Output, rows);
                Assert.Equal(Enumerable.Range(0, outputExtent), tiling.Spans[stack.Output].SelectMany(s => Enumerable.Range(s.Start, s.Length)));
                for (var t = 0; t < tiling.TileCount; t++)
                {
                    var needed = Dependencies(stack, tiling.Spans[stack.Output][t], rows);
                    foreach (var (tensor, positions) in needed)
                    {
                        var span = tiling.Spans[tensor][t];
                        Assert.True(positions.Count > 0, $"{stack}; {(rows ? "rows" : "cols")}, p {p}, tile {t}, {tensor}: no dependencies");
                        var context = $"{stack}; {(rows ? "rows" : "cols")}, p {p}, tile {t}, {tensor} span {span}, needs {positions.Min()}..{positions.Max()}";
                        Assert.True(positions.All(x => x >= span.Start && x < span.End), context);
                        if (!dilated)
                        {
                            Assert.True(positions.Contains(span.Start) && positions.Contains(span.End - 1), "not tight: " + context);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Running_every_tile_on_its_windows_gives_the_full_result()
    {
        var rng = new Random(4242);
        for (var trial = 0; trial < 120; trial++)
        {
            var stack = RandomStack.Create(rng);
            var weights = stack.Layers.Select(l => Enumerable.Range(0, l.Rows.Kernel * l.Cols.Kernel).Select(_ => (long)rng.Next(-9, 10)).ToArray()).ToArray();
            var input = new long[stack.Sizes[0].H, stack.Sizes[0].W];
            for (var y = 0; y < input.GetLength(0); y++)
                for (var x = 0; x < input.GetLength(1); x++)
                    input[y, x] = rng.Next(-100, 100);
            var full = EvaluateFull(stack, weights, input);

            var p = rng.Next(2, 9);
            var rows = AxisTiling.Compute(stack.Stage, p, t => stack.Extent(t, true), o => o.Rows);
            var cols = AxisTiling.Compute(stack.Stage, p, t => stack.Extent(t, false), o => o.Cols);
            var tiled = new long[stack.Sizes[^1].H, stack.Sizes[^1].W];
            for (var i = 0; i < rows.TileCount; i++)
                for (var j = 0; j < cols.TileCount; j++)
                    RunTile(stack, weights, input, rows, cols, i, j, tiled);

            Assert.True(Same(full, tiled), $"trial {trial}, p {p}: {stack}");
        }
        output.WriteLine("120 random stacks: tiled == full");
    }

    /// <summary>Per tensor, the positions along one axis that the output span reads (traced op by op, no windows).</summary>
    private static Dictionary<string, HashSet<int>> Dependencies(RandomStack stack, TileSpan outputSpan, bool rows)
    {
        var needed = new Dictionary<string, HashSet<int>> { [stack.Output] = Enumerable.Range(outputSpan.Start, outputSpan.Length).ToHashSet() };
        for (var layer = stack.Layers.Length - 1; layer >= 0; layer--)
        {
            if (!needed.TryGetValue(stack.Tensor(layer + 1), out var outputs)) continue;
            var l = stack.Layers[layer];
            foreach (var input in l.Inputs)
            {
                var set = needed.TryGetValue(stack.Tensor(input), out var s) ? s : needed[stack.Tensor(input)] = [];
                foreach (var o in outputs)
                    set.UnionWith(l.IsAdd ? [o] : stack.Taps(layer, o, rows));
            }
        }
        return needed;
    }

    private static long[,] EvaluateFull(RandomStack stack, long[][] weights, long[,] input)
    {
        var tensors = new List<long[,]> { input };
        for (var i = 0; i < stack.Layers.Length; i++)
        {
            var l = stack.Layers[i];
            var (h, w) = stack.Sizes[i + 1];
            var result = new long[h, w];
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    result[y, x] = l.IsAdd
                        ? tensors[l.Inputs[0]][y, x] + tensors[l.Inputs[1]][y, x]
                        : Window(l, weights[i], tensors[l.Inputs[0]], y, x, y * l.Rows.Stride - l.Rows.PadBefore, x * l.Cols.Stride - l.Cols.PadBefore);
            tensors.Add(result);
        }
        return tensors[^1];
    }

    /// <summary>One output of a window op whose first tap sits at (y0, x0) of <paramref name="input"/>; taps outside it are skipped, as the kernels do.</summary>
    private static long Window(StackLayer l, long[] weights, long[,] input, int _, int __, int y0, int x0)
    {
        long acc = l.IsMax ? long.MinValue : 0;
        for (var ky = 0; ky < l.Rows.Kernel; ky++)
            for (var kx = 0; kx < l.Cols.Kernel; kx++)
            {
                var (y, x) = (y0 + ky * l.Rows.Dilation, x0 + kx * l.Cols.Dilation);
                if (y < 0 || x < 0 || y >= input.GetLength(0) || x >= input.GetLength(1)) continue;
                acc = l.IsMax ? Math.Max(acc, input[y, x]) : acc + weights[ky * l.Cols.Kernel + kx] * input[y, x];
            }
        return acc;
    }

    private static void RunTile(RandomStack stack, long[][] weights, long[,] input, AxisTiling rows, AxisTiling cols, int i, int j, long[,] result)
    {
        // Each tensor's tile: its spans and the values there, as the firmware's tile buffers hold them.
        var tiles = new Dictionary<string, long[,]> { [stack.Tensor(0)] = Crop(input, rows.Spans[stack.Tensor(0)][i], cols.Spans[stack.Tensor(0)][j]) };
        for (var k = 0; k < stack.Layers.Length; k++)
        {
            var l = stack.Layers[k];
            var outputName = stack.Tensor(k + 1);
            var (outRows, outCols) = (rows.Spans[outputName][i], cols.Spans[outputName][j]);
            var views = l.Inputs.Select((x, m) =>
            {
                var name = stack.Tensor(x);
                var (r, c) = (rows.Reads[k][m][i], cols.Reads[k][m][j]);
                var (heldRows, heldCols) = (rows.Spans[name][i], cols.Spans[name][j]);
                Assert.True(heldRows.Contains(r.Span) && heldCols.Contains(c.Span));
                var view = Crop(tiles[name], new TileSpan(r.Span.Start - heldRows.Start, r.Span.End - heldRows.Start), new TileSpan(c.Span.Start - heldCols.Start, c.Span.End - heldCols.Start));
                return (View: view, RowPad: r.Padding, ColPad: c.Padding);
            }).ToList();
            var output = new long[outRows.Length, outCols.Length];
            for (var y = 0; y < outRows.Length; y++)
                for (var x = 0; x < outCols.Length; x++)
                    output[y, x] = l.IsAdd
                        ? views[0].View[y, x] + views[1].View[y, x]
                        : Window(l, weights[k], views[0].View, y, x, y * l.Rows.Stride - views[0].RowPad, x * l.Cols.Stride - views[0].ColPad);
            tiles[outputName] = output;
        }
        var last = tiles[stack.Output];
        var (rowSpan, colSpan) = (rows.Spans[stack.Output][i], cols.Spans[stack.Output][j]);
        for (var y = 0; y < rowSpan.Length; y++)
            for (var x = 0; x < colSpan.Length; x++)
                result[rowSpan.Start + y, colSpan.Start + x] = last[y, x];
    }

    private static long[,] Crop(long[,] source, TileSpan rows, TileSpan cols)
    {
        var result = new long[rows.Length, cols.Length];
        for (var y = 0; y < rows.Length; y++)
            for (var x = 0; x < cols.Length; x++)
                result[y, x] = source[rows.Start + y, cols.Start + x];
        return result;
    }

    private static bool Same(long[,] a, long[,] b) =>
        a.GetLength(0) == b.GetLength(0) && a.GetLength(1) == b.GetLength(1) && a.Cast<long>().SequenceEqual(b.Cast<long>());
}
