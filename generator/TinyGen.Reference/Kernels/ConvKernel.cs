using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// Regular 2-D convolution, NHWC, weights [Cout, KH, KW, Cin]:
/// acc = bias[c] + Σ (x - x_zp) * (w - w_zp[c]) over the taps that fall inside the input
/// (padding contributes nothing), then the per-channel requantization and clamp.
/// </summary>
public static class ConvKernel
{
    public static TensorData Evaluate(Conv2D op, KernelContext context)
    {
        if (op.Layout != Layout.Nhwc) throw new TinyGenException($"{op}: the reference runs NHWC convolutions only");
        var (n, h, w, cin) = context.Nhwc(op.Input, op);
        var weightShape = context.Tensor(op.Weights).Shape;
        if (weightShape.Length != 4 || weightShape[1] != op.Window.KernelH || weightShape[2] != op.Window.KernelW || weightShape[3] != cin)
            throw new TinyGenException($"{op}: weights '{op.Weights}' are {context.Tensor(op.Weights).ShapeText}; expected " +
                                       $"[Cout,{op.Window.KernelH},{op.Window.KernelW},{cin}]");
        var cout = weightShape[0];
        var window = op.Window;
        var (oh, ow) = WindowGeometry.CheckOutput(op, window, h, w, context.Nhwc(op.Output, op), n, cout);
        var stage = AccumulatorOutputStage.For(op, op.Input, op.Weights, op.Bias, op.Output, op.Activation, cout, channelAxis: 0, context);

        var x = context.Int8(op.Input, op);
        var weights = context.Int8(op.Weights, op);
        var output = new sbyte[n * oh * ow * cout];
        var kh = window.KernelH;
        var kw = window.KernelW;
        for (var b = 0; b < n; b++)
        for (var oy = 0; oy < oh; oy++)
        for (var ox = 0; ox < ow; ox++)
        for (var oc = 0; oc < cout; oc++)
        {
            long acc = 0;
            var wzp = stage.WeightZeroPoint(oc);
            for (var ky = 0; ky < kh; ky++)
            {
                var iy = oy * window.StrideH - window.Padding.Top + ky * window.DilationH;
                if (iy < 0 || iy >= h) continue;
                for (var kx = 0; kx < kw; kx++)
                {
                    var ix = ox * window.StrideW - window.Padding.Left + kx * window.DilationW;
                    if (ix < 0 || ix >= w) continue;
                    var inputBase = ((b * h + iy) * w + ix) * cin;
                    var weightBase = ((oc * kh + ky) * kw + kx) * cin;
                    for (var ic = 0; ic < cin; ic++)
                        acc += (long)(x[inputBase + ic] - stage.InputZeroPoint) * (weights[weightBase + ic] - wzp);
                }
            }
            output[((b * oh + oy) * ow + ox) * cout + oc] = stage.Finish(acc, oc);
        }
        return TensorData.FromInt8(output);
    }
}
