using TinyGen.Frontends.Tflite;
using TinyGen.Frontends.Tflite.Building;

namespace TinyGen.Tests.Frontends.Tflite;

/// <summary>Small TFLite models built for tests, with seeded weights.</summary>
internal static class TfliteTestModels
{
    /// <summary>CONV_2D (SAME, stride 2, per-channel, fused RELU) → MAX_POOL_2D → RESHAPE → FULLY_CONNECTED → SOFTMAX.</summary>
    public static byte[] ConvReluPool()
    {
        var random = new Random(3);
        var b = new TfliteModelBuilder();
        var x = b.Int8("input", [1, 8, 8, 2], 0.05f, -3);
        var w = b.Int8Constant("conv/weights", [4, 3, 3, 2], Values(random, 4 * 3 * 3 * 2), [0.01f, 0.02f, 0.015f, 0.012f]);
        var bias = b.Int32Constant("conv/bias", [4], [100, -50, 0, 7], [0.0005f, 0.001f, 0.00075f, 0.0006f]);
        var conv = b.Int8("conv", [1, 4, 4, 4], 0.04f, -128);
        b.AddOperator(BuiltinOperator.Conv2D, [x, w, bias], [conv], BuiltinOptionsType.Conv2D, TfliteOptionTables.Conv2D(TfliteOptionTables.Same, 2, 2, TfliteOptionTables.Relu));
        var pool = b.Int8("pool", [1, 2, 2, 4], 0.04f, -128);
        b.AddOperator(BuiltinOperator.MaxPool2D, [conv], [pool], BuiltinOptionsType.Pool2D, TfliteOptionTables.Pool2D(TfliteOptionTables.Valid, 2, 2, 2, 2));
        var flat = b.Int8("flat", [1, 16], 0.04f, -128);
        var shape = b.Int32Constant("shape", [2], [1, 16]);
        b.AddOperator(BuiltinOperator.Reshape, [pool, shape], [flat], BuiltinOptionsType.Reshape, TfliteOptionTables.Empty());
        var fcWeights = b.Int8Constant("fc/weights", [3, 16], Values(random, 48), [0.02f]);
        var logits = b.Int8("logits", [1, 3], 0.1f, 5);
        b.AddOperator(BuiltinOperator.FullyConnected, [flat, fcWeights, -1], [logits], BuiltinOptionsType.FullyConnected, TfliteOptionTables.FullyConnected());
        var probabilities = b.Int8("probabilities", [1, 3], 1f / 256, -128);
        b.AddOperator(BuiltinOperator.Softmax, [logits], [probabilities], BuiltinOptionsType.Softmax, TfliteOptionTables.Softmax(1f));
        return b.Inputs(x).Outputs(probabilities).Build();
    }

    public static sbyte[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
}
