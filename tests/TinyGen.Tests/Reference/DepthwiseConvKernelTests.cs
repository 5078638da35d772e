using TinyGen.Ir;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class DepthwiseConvKernelTests
{
    [Fact]
    public void ChannelMultiplierReadsInputChannelOverMultiplier()
    {
        // 2 input channels, multiplier 2 -> 4 outputs; 1x2 kernel, no padding, M = 1 (0.5 * 0.5 / 0.25).
        // weights [1,1,2,4]: tap 0 = [1, 2, 3, 4], tap 1 = [-1, 0, 1, 2]
        // input row: pixel0 (c0, c1) = (10, 20), pixel1 = (1, 2); zero point 0
        // out o reads channel o/2: o0 = 10*1 + 1*-1 = 9, o1 = 10*2 + 1*0 = 20, o2 = 20*3 + 2*1 = 62, o3 = 20*4 + 2*2 = 84
        var conv = new Conv2D("d", "x", "w", null, "y", new Window2D(1, 2), 2, FusedActivation.None, Layout.Nhwc);
        var graph = OneOp(conv,
            Int8("x", [1, 1, 2, 2], 0.5f, 0),
            Int8Constant("w", [1, 1, 2, 4], Quantization.PerTensor(0.5f, 0), 1, 2, 3, 4, -1, 0, 1, 2),
            Int8("y", [1, 1, 1, 4], 0.25f, 0));
        Assert.Equal([9, 20, 62, 84], RunInt8(graph, [10, 20, 1, 2]).Ints());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 1)]
    public void RandomDepthwiseConvolutionsMatchAPaddedInputOracle(int seed, int multiplier)
    {
        var random = new Random(100 + seed);
        var (h, w, cin) = (random.Next(3, 8), random.Next(3, 8), random.Next(1, 5));
        var cout = cin * multiplier;
        var window = RandomWindow(random, h, w);
        var (oh, ow) = (window.OutputHeight(h), window.OutputWidth(w));
        var inputZp = random.Next(-20, 20);
        var outputZp = random.Next(-20, 20);
        var weightScales = Enumerable.Range(0, cout).Select(_ => (float)(0.002 + random.NextDouble() * 0.05)).ToArray();
        var weightZps = Enumerable.Range(0, cout).Select(_ => seed % 2 == 0 ? 0 : random.Next(-3, 4)).ToArray();
        var bias = Enumerable.Range(0, cout).Select(_ => random.Next(-2000, 2000)).ToArray();
        var weights = RandomInt8(random, window.KernelH * window.KernelW * cout);
        var x = RandomInt8(random, h * w * cin);
        const float inputScale = 0.05f, outputScale = 0.1f;
        var activation = seed == 3 ? FusedActivation.Relu : FusedActivation.None;

        var conv = new Conv2D("d", "x", "w", "b", "y", window, cin, activation, Layout.Nhwc);
        var graph = OneOp(conv,
            Int8("x", [1, h, w, cin], inputScale, inputZp),
            Int8Constant("w", [1, window.KernelH, window.KernelW, cout], PerChannel(3, weightScales, weightZps), weights),
            Int32Constant("b", bias),
            Int8("y", [1, oh, ow, cout], outputScale, outputZp));

        var expected = ConvolutionOracle.Run(x, h, w, cin, inputZp, inputScale,
            (o, ky, kx, _) => weights[(ky * window.KernelW + kx) * cout + o], cout, o => o / multiplier, 1,
            weightZps, weightScales, bias, window, outputScale, outputZp, activation);
        Assert.Equal(expected, RunInt8(graph, x).Ints());
    }
}
