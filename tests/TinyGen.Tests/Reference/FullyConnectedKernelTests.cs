using TinyGen.Arithmetic;
using TinyGen.Ir;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class FullyConnectedKernelTests
{
    [Fact]
    public void TwoRowsHandComputed()
    {
        // input zp 2, weight zp 0, M = 0.5 * 0.5 / 0.25 = 1, output zp 5
        // W = [[1, 2, 3], [-1, 0, 1]], bias [100, -100]
        // row 0: x - zp = [1, 2, 3] -> 1+4+9 = 14 (+100 = 114 -> 119 after zp), -1+3 = 2 (-98 -> -93)
        // row 1: x - zp = [-10, 0, 10] -> -10+30 = 20 (120 -> 125), 10+10 = 20 (-80 -> -75)
        var fc = new FullyConnected("fc", "x", "w", "b", "y", FusedActivation.None);
        var graph = OneOp(fc,
            Int8("x", [2, 3], 0.5f, 2),
            Int8Constant("w", [2, 3], Quantization.PerTensor(0.5f, 0), 1, 2, 3, -1, 0, 1),
            Int32Constant("b", 100, -100),
            Int8("y", [2, 2], 0.25f, 5));
        Assert.Equal([119, -93, 125, -75], RunInt8(graph, [3, 4, 5, -8, 2, 12]).Ints());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomLayersMatchABruteForceSum(int seed)
    {
        var random = new Random(200 + seed);
        var (rows, inFeatures, outFeatures) = (random.Next(1, 4), random.Next(1, 40), random.Next(1, 10));
        var perChannel = seed != 1;
        var weightScales = Enumerable.Range(0, perChannel ? outFeatures : 1).Select(_ => (float)(0.001 + random.NextDouble() * 0.01)).ToArray();
        var weightZps = Enumerable.Range(0, weightScales.Length).Select(_ => seed == 3 ? random.Next(-5, 6) : 0).ToArray();
        var weights = RandomInt8(random, outFeatures * inFeatures);
        var bias = Enumerable.Range(0, outFeatures).Select(_ => random.Next(-5000, 5000)).ToArray();
        var x = RandomInt8(random, rows * inFeatures);
        var (inputZp, outputZp) = (random.Next(-128, 128), random.Next(-128, 128));
        const float inputScale = 0.07f, outputScale = 0.09f;

        var fc = new FullyConnected("fc", "x", "w", "b", "y", FusedActivation.None);
        var graph = OneOp(fc,
            Int8("x", [rows, inFeatures], inputScale, inputZp),
            Int8Constant("w", [outFeatures, inFeatures], perChannel ? PerChannel(0, weightScales, weightZps) : Quantization.PerTensor(weightScales[0], weightZps[0]), weights),
            Int32Constant("b", bias),
            Int8("y", [rows, outFeatures], outputScale, outputZp));

        var expected = new List<int>();
        for (var r = 0; r < rows; r++)
        for (var o = 0; o < outFeatures; o++)
        {
            var c = perChannel ? o : 0;
            var acc = bias[o] + Enumerable.Range(0, inFeatures).Sum(k => (long)(x[r * inFeatures + k] - inputZp) * (weights[o * inFeatures + k] - weightZps[c]));
            // TFLite Micro: per-channel in double; one weight scale multiplies the scales in float first
            var m = QuantizedMultiplier.From(perChannel ? (double)inputScale * weightScales[c] / outputScale : (double)(float)(inputScale * weightScales[c]) / outputScale);
            expected.Add(IndependentArithmetic.Clamp(IndependentArithmetic.Requantize(acc, m) + outputZp, -128, 127));
        }
        Assert.Equal(expected, RunInt8(graph, x).Ints());
    }
}
