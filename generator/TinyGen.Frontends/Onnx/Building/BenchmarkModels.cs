namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// The networks of the patch-memory benchmark with seeded weights, quantized ONNX (QDQ, int8 edges):
/// MobileNetV2, MobileNetV1 (the VWW architecture), ResNet-8 (CIFAR-10) and an MCUNet-like net. The
/// input is an NHWC image followed by a Transpose to NCHW, as tf2onnx writes TFLite-born models, so
/// the lowered graph reads the image as it lies in memory. Shapes and MACs are the published
/// architectures'; the outputs are not meaningful predictions.
/// </summary>
public static class BenchmarkModels
{
    /// <summary>MobileNetV2 (Sandler et al. 2018) at the given width multiplier and square resolution, 1000 classes.</summary>
    public static GeneratedModel MobileNetV2(double width = 1.0, int resolution = 224, int classes = 1000, int seed = 1)
    {
        var net = new Net(seed, resolution);
        var x = net.Conv(net.Image(3), Channels(32, width), 3, 2, ConvActivation.Relu6);
        // (expansion t, channels c, repeats n, first stride s)
        (int T, int C, int N, int S)[] blocks = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];
        foreach (var (t, c, n, s) in blocks)
            for (var i = 0; i < n; i++)
                x = net.InvertedResidual(x, t, Channels(c, width), i == 0 ? s : 1, 3);
        x = net.Conv(x, width > 1.0 ? Channels(1280, width) : 1280, 1, 1, ConvActivation.Relu6);
        return net.Classifier(x, classes);
    }

    /// <summary>MobileNetV1 (Howard et al. 2017) at the given width and resolution; 0.25 at 96 with 2 classes is MLPerf Tiny's VWW net.</summary>
    public static GeneratedModel MobileNetV1(double width = 0.25, int resolution = 96, int classes = 2, int seed = 1)
    {
        var net = new Net(seed, resolution);
        var x = net.Conv(net.Image(3), Channels(32, width, 8), 3, 2, ConvActivation.Relu6);
        (int C, int S)[] layers = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)];
        foreach (var (c, s) in layers)
        {
            x = net.Depthwise(x, 3, s, ConvActivation.Relu6);
            x = net.Conv(x, Channels(c, width, 8), 1, 1, ConvActivation.Relu6);
        }
        return net.Classifier(x, classes);
    }

    /// <summary>ResNet-8 of MLPerf Tiny's image classification (CIFAR-10, 32x32): 16-32-64 channels, three residual stages.</summary>
    public static GeneratedModel ResNet8(int seed = 1)
    {
        var net = new Net(seed, 32);
        var x = net.Conv(net.Image(3), 16, 3, 1, ConvActivation.Relu);
        foreach (var (c, s) in new[] { (16, 1), (32, 2), (64, 2) })
        {
            var y = net.Conv(x, c, 3, s, ConvActivation.Relu);
            y = net.Conv(y, c, 3, 1, ConvActivation.None);
            var shortcut = s == 1 && net.ChannelsOf(x) == c ? x : net.Conv(x, c, 1, s, ConvActivation.None);
            // the Relu after the add is folded into its quantization range (the composer has no standalone Relu)
            x = net.Add(y, shortcut);
        }
        return net.Classifier(x, 10);
    }

    /// <summary>
    /// An MCUNet-like net (inverted residuals with mixed 3/5/7 kernels and expansions 3-6, as TinyNAS picks
    /// them) for ImageNet-style input at <paramref name="resolution"/>; not any one published MCUNet model.
    /// </summary>
    public static GeneratedModel McuNetLike(int resolution = 160, int seed = 1)
    {
        var net = new Net(seed, resolution);
        var x = net.Conv(net.Image(3), 16, 3, 2, ConvActivation.Relu6);
        x = net.InvertedResidual(x, 1, 8, 1, 3);
        (int T, int C, int K, int S)[] layers =
        [
            (4, 16, 7, 2), (3, 16, 3, 1),
            (6, 24, 5, 2), (4, 24, 3, 1), (4, 24, 5, 1),
            (5, 40, 7, 2), (4, 40, 5, 1), (4, 40, 3, 1),
            (6, 48, 5, 1), (5, 48, 3, 1),
            (6, 96, 7, 2), (4, 96, 5, 1), (4, 96, 3, 1),
            (6, 160, 7, 1),
        ];
        foreach (var (t, c, k, s) in layers) x = net.InvertedResidual(x, t, c, s, k);
        return net.Classifier(x, 1000);
    }

    /// <summary>Channels scaled by the width multiplier, rounded to a multiple of <paramref name="divisor"/> (MobileNet's rule).</summary>
    public static int Channels(int channels, double width, int divisor = 8)
    {
        var scaled = channels * width;
        var rounded = Math.Max(divisor, (int)(scaled + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * scaled ? rounded + divisor : rounded;
    }

    /// <summary>The layer vocabulary of the nets above over one composer, with per-layer seeds.</summary>
    private sealed class Net(int seed, int resolution)
    {
        private readonly QuantizedModelComposer c = new();
        private int layerSeed = seed * 1000;

        public QuantizedValue Image(int channels) =>
            c.Transpose(c.Input([1, resolution, resolution, channels], seed), [0, 3, 1, 2]);

        public int ChannelsOf(QuantizedValue x) => x.Shape[1];

        public QuantizedValue Conv(QuantizedValue x, int channels, int kernel, int stride, ConvActivation activation) =>
            c.Conv(x, new ConvSpec(x.Shape.ToArray(), channels)
            {
                Kernel = (kernel, kernel),
                Stride = (stride, stride),
                Pads = Same(x.Shape[2], kernel, stride),
                Activation = activation,
                Seed = ++layerSeed,
            });

        public QuantizedValue Depthwise(QuantizedValue x, int kernel, int stride, ConvActivation activation) =>
            c.Conv(x, ConvSpec.Depthwise(x.Shape.ToArray()) with
            {
                Kernel = (kernel, kernel),
                Stride = (stride, stride),
                Pads = Same(x.Shape[2], kernel, stride),
                Activation = activation,
                Seed = ++layerSeed,
            });

        public QuantizedValue InvertedResidual(QuantizedValue x, int expansion, int channels, int stride, int kernel)
        {
            var input = x;
            if (expansion != 1) x = Conv(x, ChannelsOf(x) * expansion, 1, 1, ConvActivation.Relu6);
            x = Depthwise(x, kernel, stride, ConvActivation.Relu6);
            x = Conv(x, channels, 1, 1, ConvActivation.None);
            return stride == 1 && ChannelsOf(input) == channels ? Add(x, input) : x;
        }

        public QuantizedValue Add(QuantizedValue a, QuantizedValue b) => c.Binary(a, b, BinaryOp.Add, ++layerSeed);

        public GeneratedModel Classifier(QuantizedValue x, int classes)
        {
            x = c.GlobalAveragePool(x);
            x = c.Flatten(x);
            c.Output(c.FullyConnected(x, new FullyConnectedSpec(ChannelsOf(x), classes) { Seed = ++layerSeed }));
            return c.Build();
        }

        /// <summary>TensorFlow's SAME padding for a square input (the extra row/column at the end).</summary>
        private static Padding2D Same(int size, int kernel, int stride)
        {
            var output = (size + stride - 1) / stride;
            var total = Math.Max(0, (output - 1) * stride + kernel - size);
            return Padding2D.Explicit(total / 2, total / 2, total - total / 2, total - total / 2);
        }
    }
}
