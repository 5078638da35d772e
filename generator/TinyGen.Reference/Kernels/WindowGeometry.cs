using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>Checks that an op's NHWC output has the size its window implies.</summary>
internal static class WindowGeometry
{
    public static (int Height, int Width) CheckOutput(Operation op, Window2D window, int inputHeight, int inputWidth,
        (int N, int H, int W, int C) output, int batch, int channels)
    {
        if (window.AutoPad != AutoPad.NotSet)
            throw new TinyGenException($"{op}: padding is not resolved (auto_pad {window.AutoPad}); the graph is not lowered");
        var height = window.OutputHeight(inputHeight);
        var width = window.OutputWidth(inputWidth);
        if (output != (batch, height, width, channels))
            throw new TinyGenException($"{op}: output is [{output.N},{output.H},{output.W},{output.C}] but the window {window} " +
                                       $"over [{batch},{inputHeight},{inputWidth},·] gives [{batch},{height},{width},{channels}]");
        return (height, width);
    }
}
