using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// Depthwise 2-D convolution, NHWC, weights [1, KH, KW, Cout] with Cout = Cin * multiplier:
/// output channel o reads input channel o / multiplier. Same accumulate and output stage as
/// <see cref="ConvKernel"/>.
/// </summary>
public static class DepthwiseConvKernel
{
    public static TensorData Evaluate(Conv2D op, KernelContext context)
    {
        if (op.Layout != Layout.Nhwc) throw new TinyGenException($"{op}: the reference runs NHWC convolutions only");
        var (n, h, w, cin) = context.Nhwc(op.Input, op);
        if (op.Groups != cin)
            throw new TinyGenException($"{op}: {op.Groups} groups over {cin} input channels; only regular (1 group) and depthwise convolutions are supported");
        var weightShape = context.Tensor(op.Weights).Shape;
        if (weightShape.Length != 4 || weightShape[0] != 1 || weightShape[1] != op.Window.KernelH || weightShape[2] != op.Window.KernelW
            || weightShape[3] % cin != 0)
            throw new TinyGenException($"{op}: depthwise weights '{op.Weights}' are {context.Tensor(op.Weights).ShapeText}; expected " +
                                       $"[1,{op.Window.KernelH},{op.Window.KernelW},{cin}·multiplier]");
        var cout = weightShape[3];
        var multiplier = cout / cin;
        var window = op.Window;
        var (oh, ow) = WindowGeometry.CheckOutput(op, window, h, w, context.Nhwc(op.Output, op), n, cout);
        var stage = AccumulatorOutputStage.For(op, op.Input, op.Weights, op.Bias, op.Output, op.Activation, cout, channelAxis: 3, context);

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
            var ic = oc / multiplier;
            var wzp = stage.WeightZeroPoint(oc);
            for (var ky = 0; ky < kh; ky++)
            {
                var iy = oy * window.StrideH - window.Padding.Top + ky * window.DilationH;
                if (iy < 0 || iy >= h) continue;
                for (var kx = 0; kx < kw; kx++)
                {
                    var ix = ox * window.StrideW - window.Padding.Left + kx * window.DilationW;
                    if (ix < 0 || ix >= w) continue;
                    var xv = x[((b * h + iy) * w + ix) * cin + ic];
                    var wv = weights[(ky * kw + kx) * cout + oc];
                    acc += (long)(xv - stage.InputZeroPoint) * (wv - wzp);
                }
            }
            output[((b * oh + oy) * ow + ox) * cout + oc] = stage.Finish(acc, oc);
        }
        return TensorData.FromInt8(output);
    }
}
