namespace TinyGen.Frontends.Onnx.Building;

/// <summary>Output shapes of the ops the composer writes, following the ONNX operator definitions.</summary>
internal static class ShapeInference
{
    /// <summary>Output size of one spatial axis of a conv or pool (floor mode).</summary>
    public static int WindowOutput(int input, int kernel, int stride, int dilation, (int Begin, int End) pad)
    {
        int effectiveKernel = (kernel - 1) * dilation + 1;
        int span = input + pad.Begin + pad.End - effectiveKernel;
        if (span < 0)
        {
            throw new ArgumentException($"Kernel {kernel} (dilation {dilation}) does not fit input {input} with pads {pad}.");
        }
        return span / stride + 1;
    }

    public static int[] Window(int[] nchw, int channels, Size2D kernel, Size2D stride, Size2D dilation, Padding2D pads)
    {
        RequireRank(nchw, 4);
        int h = WindowOutput(nchw[2], kernel.H, stride.H, dilation.H, pads.Resolve(0, nchw[2], kernel.H, stride.H, dilation.H));
        int w = WindowOutput(nchw[3], kernel.W, stride.W, dilation.W, pads.Resolve(1, nchw[3], kernel.W, stride.W, dilation.W));
        return [nchw[0], channels, h, w];
    }

    public static int[] Broadcast(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"Shapes [{string.Join(",", a)}] and [{string.Join(",", b)}] do not broadcast.");
            }
            result[i] = Math.Max(da, db);
        }
        return result;
    }

    public static int[] Reshape(int[] input, long[] target)
    {
        int total = input.Aggregate(1, (x, y) => x * y);
        var result = new int[target.Length];
        int inferred = -1;
        int known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException("Reshape target has more than one -1.");
                }
                inferred = i;
                continue;
            }
            result[i] = target[i] == 0 ? input[i] : checked((int)target[i]);
            known *= result[i];
        }
        if (inferred >= 0)
        {
            result[inferred] = total / known;
        }
        if (result.Aggregate(1, (x, y) => x * y) != total)
        {
            throw new ArgumentException($"Cannot reshape [{string.Join(",", input)}] to [{string.Join(",", target)}].");
        }
        return result;
    }

    public static int[] Flatten(int[] input, int axis)
    {
        int outer = input.Take(axis).Aggregate(1, (x, y) => x * y);
        int inner = input.Skip(axis).Aggregate(1, (x, y) => x * y);
        return [outer, inner];
    }

    public static int[] Transpose(int[] input, int[] perm)
    {
        if (perm.Length != input.Length || perm.OrderBy(p => p).Where((p, i) => p != i).Any())
        {
            throw new ArgumentException($"[{string.Join(",", perm)}] is not a permutation of rank {input.Length}.");
        }
        return perm.Select(p => input[p]).ToArray();
    }

    public static int[] Concat(IReadOnlyList<int[]> inputs, int axis)
    {
        int[] first = inputs[0];
        int normalized = axis < 0 ? axis + first.Length : axis;
        var result = (int[])first.Clone();
        result[normalized] = 0;
        foreach (int[] shape in inputs)
        {
            if (shape.Length != first.Length || shape.Where((d, i) => i != normalized && d != first[i]).Any())
            {
                throw new ArgumentException($"Concat inputs [{string.Join(",", first)}] and [{string.Join(",", shape)}] differ off axis {axis}.");
            }
            result[normalized] += shape[normalized];
        }
        return result;
    }

    public static void RequireRank(int[] shape, int rank)
    {
        if (shape.Length != rank)
        {
            throw new ArgumentException($"Expected a rank-{rank} shape, got [{string.Join(",", shape)}].");
        }
    }
}
