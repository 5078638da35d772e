using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Planning.Patching;

namespace TinyGen.Tests.Backend.Patching;

/// <summary>One layer of a random stack: a 2-D window (rows, cols) with its bottom/right padding, or an elementwise add of two tensors.</summary>
internal sealed record StackLayer(int[] Inputs, WindowAxis Rows, WindowAxis Cols, int PadBottom, int PadRight, bool IsAdd, bool IsMax);

/// <summary>
/// Random chains of convolution-like windows (kernel 1..7, stride 1..3, dilation 1..3, any padding)
/// with occasional residual adds, on odd image sizes, as a <see cref="PatchStage"/> whose tensors
/// are t0 (input) .. tN (output). Used by the geometry tests' brute-force oracles.
/// </summary>
internal sealed class RandomStack
{
    public required ImmutableArray<StackLayer> Layers { get; init; }
    public required ImmutableArray<(int H, int W)> Sizes { get; init; }
    public string Tensor(int i) => "t" + i;
    public string Output => Tensor(Layers.Length);

    public PatchStage Stage => new(Layers.Length - 1, Tensor(0), Tensor(0), Output,
        Layers.Select((l, i) => new StageOp(new Activation("op" + i, Tensor(l.Inputs[0]), Tensor(i + 1), FusedActivation.None), i,
            l.Inputs.Select(x => new StageOperand(Tensor(x), l.Rows, l.Cols)).ToImmutableArray(), Tensor(i + 1))).ToImmutableArray());

    public int Extent(string tensor, bool rows) => rows ? Sizes[int.Parse(tensor[1..])].H : Sizes[int.Parse(tensor[1..])].W;

    public static RandomStack Create(Random rng, bool allowDilation = true)
    {
        var sizes = new List<(int H, int W)> { (rng.Next(9, 40), rng.Next(9, 40)) };
        var layers = new List<StackLayer>();
        var count = rng.Next(1, 6);
        while (layers.Count < count)
        {
            var (h, w) = sizes[^1];
            if (layers.Count > 0 && rng.Next(5) == 0)
            {
                // residual: a same-size window on the last tensor, then add it to that tensor
                var k = 1 + 2 * rng.Next(0, 3);
                var d = allowDilation ? rng.Next(1, 3) : 1;
                var pad = d * (k - 1) / 2;
                var axis = new WindowAxis(k, 1, d, pad);
                layers.Add(new StackLayer([sizes.Count - 1], axis, axis, pad, pad, false, false));
                sizes.Add((h, w));
                layers.Add(new StackLayer([sizes.Count - 2, sizes.Count - 1], WindowAxis.Identity, WindowAxis.Identity, 0, 0, true, false));
                sizes.Add((h, w));
                continue;
            }
            (WindowAxis Axis, int PadEnd, int Out)? Draw(int extent)
            {
                var k = rng.Next(1, 8);
                var s = rng.Next(1, 4);
                var d = allowDilation && k > 1 ? rng.Next(1, 4) : 1;
                var eff = d * (k - 1) + 1;
                var before = rng.Next(0, Math.Min(eff, 4));
                var after = rng.Next(0, Math.Min(eff, 4));
                if (extent + before + after < eff) return null;
                var output = (extent + before + after - eff) / s + 1;
                // every output must read at least one real element, as valid models do
                if (Enumerable.Range(0, output).Any(o => !Enumerable.Range(0, k).Any(t => o * s - before + t * d is var i && i >= 0 && i < extent))) return null;
                return (new WindowAxis(k, s, d, before), after, output);
            }
            var r = Draw(h);
            var c = Draw(w);
            if (r is null || c is null || r.Value.Out < 2 || c.Value.Out < 2) continue;
            layers.Add(new StackLayer([sizes.Count - 1], r.Value.Axis, c.Value.Axis, r.Value.PadEnd, c.Value.PadEnd, false, rng.Next(4) == 0));
            sizes.Add((r.Value.Out, c.Value.Out));
        }
        return new RandomStack { Layers = [.. layers], Sizes = [.. sizes] };
    }

    /// <summary>The input positions (along one axis) output position <paramref name="o"/> of layer <paramref name="layer"/> reads, inside the input.</summary>
    public IEnumerable<int> Taps(int layer, int o, bool rows)
    {
        var l = Layers[layer];
        var axis = rows ? l.Rows : l.Cols;
        var extent = Extent(Tensor(l.Inputs[0]), rows);
        return Enumerable.Range(0, axis.Kernel).Select(t => o * axis.Stride - axis.PadBefore + t * axis.Dilation).Where(i => i >= 0 && i < extent);
    }

    public override string ToString() =>
        $"input {Sizes[0].H}x{Sizes[0].W}: " + string.Join(" -> ", Layers.Select((l, i) =>
            l.IsAdd ? $"add(t{l.Inputs[0]},t{l.Inputs[1]})" : $"{(l.IsMax ? "max" : "conv")} r{l.Rows} c{l.Cols} {Sizes[i + 1].H}x{Sizes[i + 1].W}"));
}
