using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// The shared walk of max and average pooling over NHWC int8 data: for every output element,
/// the input elements of its window that lie inside the input (padding is never read).
/// </summary>
internal static class PoolWindow
{
    /// <param name="reduce">Receives the window's real elements (at least one) and returns the unclamped result.</param>
    public static TensorData Evaluate(Pool2D op, KernelContext context, Func<List<int>, int> reduce)
    {
        if (op.Layout != Layout.Nhwc) throw new TinyGenException($"{op}: the reference runs NHWC pools only");
        var window = op.Window;
        if (window.DilationH != 1 || window.DilationW != 1) throw new TinyGenException($"{op}: dilated pooling is not supported");
        var (n, h, w, c) = context.Nhwc(op.Input, op);
        var (oh, ow) = WindowGeometry.CheckOutput(op, window, h, w, context.Nhwc(op.Output, op), n, c);
        var inputQ = context.PerTensorQuantization(op.Input, op);
        var outputQ = context.PerTensorQuantization(op.Output, op);
        if (inputQ != outputQ)
            throw new TinyGenException($"{op}: input ({inputQ}) and output ({outputQ}) must share one quantization after lowering");
        var (min, max) = ActivationRange.ForInt8(op.Activation, outputQ.Scale, outputQ.ZeroPoint);

        var x = context.Int8(op.Input, op);
        var output = new sbyte[n * oh * ow * c];
        var values = new List<int>(window.KernelH * window.KernelW);
        for (var b = 0; b < n; b++)
        for (var oy = 0; oy < oh; oy++)
        for (var ox = 0; ox < ow; ox++)
        for (var ch = 0; ch < c; ch++)
        {
            values.Clear();
            for (var ky = 0; ky < window.KernelH; ky++)
            {
                var iy = oy * window.StrideH - window.Padding.Top + ky;
                if (iy < 0 || iy >= h) continue;
                for (var kx = 0; kx < window.KernelW; kx++)
                {
                    var ix = ox * window.StrideW - window.Padding.Left + kx;
                    if (ix < 0 || ix >= w) continue;
                    values.Add(x[((b * h + iy) * w + ix) * c + ch]);
                }
            }
            if (values.Count == 0)
                throw new TinyGenException($"{op}: the window of output ({oy},{ox}) lies entirely in the padding");
            output[((b * oh + oy) * ow + ox) * c + ch] = (sbyte)FixedPoint.Clamp(reduce(values), min, max);
        }
        return TensorData.FromInt8(output);
    }
}
