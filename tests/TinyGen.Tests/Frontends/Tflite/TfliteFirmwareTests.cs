using TinyGen.Frontends.Tflite;
using TinyGen.Frontends.Tflite.Building;
using TinyGen.Tests.EndToEnd;
using TinyGen.Tests.Support;
using Xunit.Abstractions;
using static TinyGen.Frontends.Tflite.Building.TfliteOptionTables;

namespace TinyGen.Tests.Frontends.Tflite;

/// <summary>
/// Small TFLite graphs built in the test, compiled, built and run in QEMU: the firmware's outputs
/// must equal the reference interpreter's bit for bit (the reference itself is checked op by op
/// in <see cref="TfliteOpTests"/>).
/// </summary>
public sealed class TfliteFirmwareTests(ITestOutputHelper output)
{
    [RequiresFirmwareFact]
    public void Conv_relu_pool_fully_connected_softmax_runs_bit_exact()
    {
        Verify(TfliteTestModels.ConvReluPool(), "conv_relu_pool", "mps2-an386");
    }

    [RequiresFirmwareFact]
    public void Residual_block_with_depthwise_add_pools_and_concatenation_runs_bit_exact()
    {
        Verify(ResidualBlock(), "residual_block", "mps2-an500");
    }

    /// <summary>
    /// input → CONV_2D (1x1) → DEPTHWISE_CONV_2D (SAME, RELU6) → ADD (with the conv) →
    /// [AVERAGE_POOL_2D 2x2, MAX_POOL_2D 2x2] → CONCATENATION (channels, RELU) → MEAN-free head:
    /// RESHAPE → FULLY_CONNECTED (per-channel) → SOFTMAX.
    /// </summary>
    private static byte[] ResidualBlock()
    {
        var random = new Random(17);
        var b = new TfliteModelBuilder();
        var x = b.Int8("input", [1, 6, 6, 3], 0.04f, -5);
        var w1 = b.Int8Constant("pointwise/weights", [8, 1, 1, 3], TfliteTestModels.Values(random, 24), Enumerable.Range(0, 8).Select(i => 0.01f + 0.001f * i).ToArray());
        var b1 = b.Int32Constant("pointwise/bias", [8], Enumerable.Range(0, 8).Select(i => 40 * i - 150).ToArray());
        var pointwise = b.Int8("pointwise", [1, 6, 6, 8], 0.03f, 2);
        b.AddOperator(BuiltinOperator.Conv2D, [x, w1, b1], [pointwise], BuiltinOptionsType.Conv2D, Conv2D(Valid, 1, 1));
        var w2 = b.Int8Constant("depthwise/weights", [1, 3, 3, 8], TfliteTestModels.Values(random, 72), Enumerable.Range(0, 8).Select(i => 0.02f - 0.001f * i).ToArray(), dimension: 3);
        var depthwise = b.Int8("depthwise", [1, 6, 6, 8], 0.025f, -128);
        b.AddOperator(BuiltinOperator.DepthwiseConv2D, [pointwise, w2, -1], [depthwise], BuiltinOptionsType.DepthwiseConv2D, DepthwiseConv2D(Same, 1, 1, 1, Relu6));
        var sum = b.Int8("sum", [1, 6, 6, 8], 0.05f, -20);
        b.AddOperator(BuiltinOperator.Add, [pointwise, depthwise], [sum], BuiltinOptionsType.Add, ElementwiseArithmetic());
        var average = b.Int8("average", [1, 3, 3, 8], 0.05f, -20);
        b.AddOperator(BuiltinOperator.AveragePool2D, [sum], [average], BuiltinOptionsType.Pool2D, Pool2D(Valid, 2, 2, 2, 2));
        var maximum = b.Int8("maximum", [1, 3, 3, 8], 0.05f, -20);
        b.AddOperator(BuiltinOperator.MaxPool2D, [sum], [maximum], BuiltinOptionsType.Pool2D, Pool2D(Same, 2, 2, 2, 2));
        var joined = b.Int8("joined", [1, 3, 3, 16], 0.05f, -20);
        b.AddOperator(BuiltinOperator.Concatenation, [average, maximum], [joined], BuiltinOptionsType.Concatenation, Concatenation(3, Relu));
        var flat = b.Int8("flat", [1, 144], 0.05f, -20);
        b.AddOperator(BuiltinOperator.Reshape, [joined, b.Int32Constant("shape", [2], [1, 144])], [flat], BuiltinOptionsType.Reshape, Empty());
        var w3 = b.Int8Constant("head/weights", [4, 144], TfliteTestModels.Values(random, 576), [0.004f, 0.005f, 0.006f, 0.007f]);
        var b3 = b.Int32Constant("head/bias", [4], [10, -10, 20, -20]);
        var logits = b.Int8("logits", [1, 4], 0.15f, 0);
        b.AddOperator(BuiltinOperator.FullyConnected, [flat, w3, b3], [logits], BuiltinOptionsType.FullyConnected, FullyConnected());
        var probabilities = b.Int8("probabilities", [1, 4], 1f / 256, -128);
        b.AddOperator(BuiltinOperator.Softmax, [logits], [probabilities], BuiltinOptionsType.Softmax, Softmax(1f));
        return b.Inputs(x).Outputs(probabilities).Build();
    }

    private void Verify(byte[] model, string name, string board)
    {
        var folder = Directory.CreateTempSubdirectory("tinygen-tflite-e2e-").FullName;
        try
        {
            var path = Path.Combine(folder, name + ".tflite");
            File.WriteAllBytes(path, model);
            var result = FirmwareCheck.VerifyFile(path, board, output, inputFile: null, seed: 4, Path.Combine(folder, "build"));
            Assert.True(FirmwareCheck.Distinct(result.Reference.Single()) > 1, "a constant output proves little");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
