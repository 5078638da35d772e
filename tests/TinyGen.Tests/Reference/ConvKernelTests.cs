using TinyGen.Diagnostics;
using TinyGen.Ir;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class ConvKernelTests
{
    [Fact]
    public void PaddingTapsContributeNothing()
    {
        // input scale 0.5, weight scale 0.5, output scale 0.25: M = 1 exactly, so out = acc + zp.
        // x - zp (zp 1) is the grid 0..8; 3x3 ones, pad 1, stride 2 -> windows centred on the corners:
        // (0,0): 0+1+3+4 = 8, (0,2): 1+2+4+5 = 12, (2,0): 3+4+6+7 = 20, (2,2): 4+5+7+8 = 24;
        // + bias 10, + output zp -3 -> 15, 19, 27, 31. (Padding read as 0 instead of the zero point would give less.)
        var conv = new Conv2D("c", "x", "w", "b", "y", new Window2D(3, 3, 2, 2, Padding: new Padding2D(1, 1, 1, 1)), 1, FusedActivation.None, Layout.Nhwc);
        var graph = OneOp(conv,
            Int8("x", [1, 3, 3, 1], 0.5f, 1),
            Int8Constant("w", [1, 3, 3, 1], Quantization.PerTensor(0.5f, 0), Enumerable.Repeat(1, 9).ToArray()),
            Int32Constant("b", 10),
            Int8("y", [1, 2, 2, 1], 0.25f, -3));
        Assert.Equal([15, 19, 27, 31], RunInt8(graph, [1, 2, 3, 4, 5, 6, 7, 8, 9]).Ints());
    }

    [Fact]
    public void PerChannelMultipliersWeightZeroPointsAndRelu()
    {
        // 1x1 conv over 2 input channels, 2 output channels; input zp 0, scale 1.
        // channel 0: w = [2, 3], zp 0, scale 0.5, output scale 1 -> M = 0.5: acc = 2*x0 + 3*x1
        // channel 1: w = [5, 1], zp 1 (so effective [4, 0]), scale 0.25 -> M = 0.25: acc = 4*x0
        // pixel (x0, x1) = (3, -1): ch0 acc 3 -> SRDHM 1.5 up -> 2; ch1 acc 12 -> 3
        // pixel (-3, 1): ch0 acc -3 -> -1.5 up -> -1, relu (zp 0) -> 0; ch1 acc -12 -> -3 -> relu 0
        // pixel (1, 0): ch0 acc 2 -> 1; ch1 acc 4 -> SRDHM(4, 2^30) = 2, /2 = 1
        var weightsQ = PerChannel(0, [0.5f, 0.25f], [0, 1]);
        var conv = new Conv2D("c", "x", "w", null, "y", new Window2D(1, 1), 1, FusedActivation.Relu, Layout.Nhwc);
        var graph = OneOp(conv,
            Int8("x", [1, 1, 3, 2], 1f, 0),
            Int8Constant("w", [2, 1, 1, 2], weightsQ, 2, 3, 5, 1),
            Int8("y", [1, 1, 3, 2], 1f, 0));
        Assert.Equal([2, 3, 0, 0, 1, 1], RunInt8(graph, [3, -1, -3, 1, 1, 0]).Ints());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomConvolutionsMatchAPaddedInputOracle(int seed)
    {
        var random = new Random(seed);
        var (h, w, cin, cout) = (random.Next(3, 8), random.Next(3, 8), random.Next(1, 5), random.Next(1, 5));
        var window = RandomWindow(random, h, w);
        var (oh, ow) = (window.OutputHeight(h), window.OutputWidth(w));
        var inputZp = random.Next(-20, 20);
        var outputZp = random.Next(-20, 20);
        var weightScales = Enumerable.Range(0, cout).Select(_ => (float)(0.002 + random.NextDouble() * 0.02)).ToArray();
        var weightZps = Enumerable.Range(0, cout).Select(c => seed % 2 == 0 ? 0 : random.Next(-3, 4)).ToArray();
        var bias = Enumerable.Range(0, cout).Select(_ => random.Next(-2000, 2000)).ToArray();
        var weights = RandomInt8(random, cout * window.KernelH * window.KernelW * cin);
        var x = RandomInt8(random, h * w * cin);
        var activation = seed % 3 == 0 ? FusedActivation.Relu6 : seed % 3 == 1 ? FusedActivation.Relu : FusedActivation.None;
        const float inputScale = 0.05f, outputScale = 0.1f;

        var conv = new Conv2D("c", "x", "w", "b", "y", window, 1, activation, Layout.Nhwc);
        var graph = OneOp(conv,
            Int8("x", [1, h, w, cin], inputScale, inputZp),
            Int8Constant("w", [cout, window.KernelH, window.KernelW, cin], PerChannel(0, weightScales, weightZps), weights),
            Int32Constant("b", bias),
            Int8("y", [1, oh, ow, cout], outputScale, outputZp));

        var expected = ConvolutionOracle.Run(x, h, w, cin, inputZp, inputScale,
            (o, ky, kx, ic) => weights[((o * window.KernelH + ky) * window.KernelW + kx) * cin + ic], cout, _ => 0, cin,
            weightZps, weightScales, bias, window, outputScale, outputZp, activation);
        Assert.Equal(expected, RunInt8(graph, x).Ints());
    }

    [Fact]
    public void RejectsAnOutputShapeThatDoesNotFitTheWindow()
    {
        var conv = new Conv2D("c", "x", "w", null, "y", new Window2D(3, 3), 1, FusedActivation.None, Layout.Nhwc);
        var graph = OneOp(conv,
            Int8("x", [1, 4, 4, 1], 1f, 0),
            Int8Constant("w", [1, 3, 3, 1], Quantization.PerTensor(1f, 0), new int[9]),
            Int8("y", [1, 4, 4, 1], 1f, 0));
        var error = Assert.Throws<TinyGenException>(() => RunInt8(graph, new int[16]));
        Assert.Contains("'c'", error.Message);
    }
}
