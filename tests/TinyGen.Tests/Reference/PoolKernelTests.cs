using TinyGen.Ir;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class PoolKernelTests
{
    private static Graph Pool(PoolKind kind, int[] inputShape, int[] outputShape, Window2D window, FusedActivation activation, float scale = 1f, int zp = 0) =>
        OneOp(new Pool2D("p", kind, "x", "y", window, false, activation, Layout.Nhwc),
            Int8("x", inputShape, scale, zp), Int8("y", outputShape, scale, zp));

    [Fact]
    public void MaxPoolIgnoresPadding()
    {
        // all inputs negative: padding read as 0 (or as the zero point 5) would win the max; it must not.
        // 3x3 input, 2x2 window, stride 2, pad 1 on every side -> 2x2 outputs over
        // {x00}, {x01, x02}, {x10, x20}, {x11, x12, x21, x22}
        var graph = Pool(PoolKind.Max, [1, 3, 3, 1], [1, 2, 2, 1], new Window2D(2, 2, 2, 2, Padding: new Padding2D(1, 1, 1, 1)), FusedActivation.None, 1f, 5);
        Assert.Equal([-9, -7, -3, -1], RunInt8(graph, [-9, -8, -7, -6, -5, -4, -3, -2, -1]).Ints());
    }

    [Fact]
    public void MaxPoolOverChannelsWithRelu()
    {
        // 2 channels, global 2x2 window; relu with zp -10 clamps at -10
        var graph = Pool(PoolKind.Max, [1, 2, 2, 2], [1, 1, 1, 2], new Window2D(2, 2, 2, 2), FusedActivation.Relu, 0.5f, -10);
        Assert.Equal([40, -10], RunInt8(graph, [1, -50, 40, -20, 3, -30, -7, -11]).Ints());
    }

    [Fact]
    public void AveragePoolCountsOnlyRealElements()
    {
        // 3x3 input 10, 20, ... 90; 3x3 window, stride 1, pad 1: corners average 4 elements, edges 6, centre 9
        // (0,0): 10+20+40+50 = 120 / 4 = 30; (0,1): 10+20+30+40+50+60 = 210 / 6 = 35; (0,2): 20+30+50+60 = 160/4 = 40
        // (1,0): 10+20+40+50+70+80 = 270 / 6 = 45; (1,1): 450 / 9 = 50; (1,2): 330/6 = 55
        // (2,0): 40+50+70+80 = 240/4 = 60; (2,1): 390/6 = 65; (2,2): 280/4 = 70
        var x = new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90 };
        var graph = Pool(PoolKind.Average, [1, 3, 3, 1], [1, 3, 3, 1], new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), FusedActivation.None);
        Assert.Equal([30, 35, 40, 45, 50, 55, 60, 65, 70], RunInt8(graph, x).Ints());
    }

    [Fact]
    public void AveragePoolRoundsHalfAwayFromZero()
    {
        // 1x2 windows, stride 2: (1 + 2) / 2 = 1.5 -> 2; (-1 + -2) / 2 = -1.5 -> -2; (3 + 4) = 3.5 -> 4; (-3 + 2) = -0.5 -> -1
        var graph = Pool(PoolKind.Average, [1, 1, 8, 1], [1, 1, 4, 1], new Window2D(1, 2, 1, 2), FusedActivation.None);
        Assert.Equal([2, -2, 4, -1], RunInt8(graph, [1, 2, -1, -2, 3, 4, -3, 2]).Ints());
    }
}
