using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// TFLite Micro's int8 MEAN over any set of axes: per output element, the int32 sum of
/// (x - zp_in) over the reduced elements, rescaled by <see cref="MeanRequantization"/>.
/// </summary>
public static class MeanKernel
{
    public static TensorData Evaluate(Mean op, KernelContext context)
    {
        var input = context.Tensor(op.Input);
        var inputQ = context.PerTensorQuantization(op.Input, op);
        var outputQ = context.PerTensorQuantization(op.Output, op);
        var rank = input.Rank;
        var axes = op.Axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        if (axes.Any(a => a < 0 || a >= rank)) throw new TinyGenException($"{op}: axes [{string.Join(",", op.Axes)}] outside rank {rank}");
        var shape = input.Shape;
        var count = axes.Aggregate(1L, (p, a) => p * shape[a]);
        var kept = Enumerable.Range(0, rank).Where(a => !axes.Contains(a)).ToArray();
        var outputCount = kept.Aggregate(1, (p, a) => p * shape[a]);
        if (outputCount != context.Tensor(op.Output).ElementCount)
            throw new TinyGenException($"{op}: output {context.Tensor(op.Output).ShapeText} does not hold the mean of {input.ShapeText} over [{string.Join(",", axes.Order())}]");

        var x = context.Int8(op.Input, op);
        var sums = new int[outputCount];
        var index = new int[rank];
        for (var i = 0; i < x.Length; i++)
        {
            var o = 0;
            foreach (var a in kept) o = o * shape[a] + index[a];
            sums[o] += x[i] - inputQ.ZeroPoint;
            for (var a = rank - 1; a >= 0 && ++index[a] == shape[a]; a--) index[a] = 0;
        }
        var m = MeanRequantization.For(inputQ.Scale, outputQ.Scale, count);
        return TensorData.FromInt8(sums.Select(s => (sbyte)MeanRequantization.Apply(s, m, outputQ.ZeroPoint)).ToArray());
    }
}
