using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Tests.Reference;

/// <summary>
/// A deliberately plain convolution for the random tests: the input is first padded with its
/// zero point into a bigger array (so no tap is ever skipped), every output is a sum over the
/// padded array, and the requantization is <see cref="IndependentArithmetic.Requantize"/>.
/// Depthwise is the same with each output channel reading input channel o / multiplier.
/// </summary>
internal static class ConvolutionOracle
{
    public static int[] Run(int[] x, int h, int w, int cin, int inputZp, float inputScale,
        Func<int, int, int, int, int> weight, int cout, Func<int, int> inputChannelOf, int channelsPerTap,
        int[] weightZps, float[] weightScales, int[] bias, Window2D window, float outputScale, int outputZp, FusedActivation activation)
    {
        var p = window.Padding;
        var ph = h + p.Top + p.Bottom;
        var pw = w + p.Left + p.Right;
        var padded = Enumerable.Repeat(inputZp, ph * pw * cin).ToArray();
        for (var y = 0; y < h; y++)
        for (var xx = 0; xx < w; xx++)
        for (var c = 0; c < cin; c++)
            padded[((y + p.Top) * pw + xx + p.Left) * cin + c] = x[(y * w + xx) * cin + c];

        var oh = (ph - window.EffectiveKernelH) / window.StrideH + 1;
        var ow = (pw - window.EffectiveKernelW) / window.StrideW + 1;
        var (min, max) = ActivationRange.ForInt8(activation, outputScale, outputZp);
        var result = new int[oh * ow * cout];
        for (var oy = 0; oy < oh; oy++)
        for (var ox = 0; ox < ow; ox++)
        for (var o = 0; o < cout; o++)
        {
            long acc = bias[o];
            for (var ky = 0; ky < window.KernelH; ky++)
            for (var kx = 0; kx < window.KernelW; kx++)
            for (var t = 0; t < channelsPerTap; t++)
            {
                var ic = channelsPerTap == 1 ? inputChannelOf(o) : t;
                var v = padded[((oy * window.StrideH + ky * window.DilationH) * pw + ox * window.StrideW + kx * window.DilationW) * cin + ic];
                acc += (long)(v - inputZp) * (weight(o, ky, kx, t) - weightZps[o]);
            }
            var m = QuantizedMultiplier.From((double)inputScale * weightScales[o] / outputScale);
            result[(oy * ow + ox) * cout + o] = IndependentArithmetic.Clamp(IndependentArithmetic.Requantize(acc, m) + outputZp, min, max);
        }
        return result;
    }
}
