namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// Whole synthetic networks with seeded weights: the bundled example the README compiles, and small ones
/// for fast tests. Their outputs are not meaningful predictions, only deterministic integer workloads of
/// realistic shape.
/// </summary>
public static class ExampleModels
{
    public static byte[] DsCnn(int seed = 1) => DsCnnModel(seed).Onnx;

    /// <summary>
    /// A DS-CNN keyword-spotting net (the MLPerf Tiny KWS shape): int8 MFCC input [1, 1, 49, 10] →
    /// Conv 10x4 stride 2, 64 channels, same padding, Relu → 4 × (depthwise 3x3 + Relu, pointwise 1x1 + Relu)
    /// → GlobalAveragePool → Flatten → Gemm (12) → Softmax → int8 output [1, 12]. QDQ with integer edges
    /// unless other options are given.
    /// </summary>
    public static GeneratedModel DsCnnModel(int seed = 1, QuantOptions? options = null)
    {
        var c = new QuantizedModelComposer(options);
        int layerSeed = seed * 1000;
        QuantizedValue x = c.Input([1, 1, 49, 10], seed);
        // Same padding written out explicitly, as TFLite-converted models do: H 49 → 25 needs 9 rows (4 + 5), W 10 → 5 needs 2.
        x = c.Conv(x, new ConvSpec([1, 1, 49, 10], 64)
        {
            Kernel = (10, 4),
            Stride = (2, 2),
            Pads = Padding2D.Explicit(4, 1, 5, 1),
            Activation = ConvActivation.Relu,
            Seed = ++layerSeed,
        });
        for (int block = 0; block < 4; block++)
        {
            x = c.Conv(x, ConvSpec.Depthwise(x.Shape.ToArray()) with
            {
                Pads = Padding2D.Symmetric(1, 1),
                Activation = ConvActivation.Relu,
                Seed = ++layerSeed,
            });
            x = c.Conv(x, new ConvSpec(x.Shape.ToArray(), 64)
            {
                Kernel = (1, 1),
                Activation = ConvActivation.Relu,
                Seed = ++layerSeed,
            });
        }
        x = c.GlobalAveragePool(x);
        x = c.Flatten(x);
        x = c.FullyConnected(x, new FullyConnectedSpec(64, 12) { Seed = ++layerSeed });
        c.Output(c.Softmax(x));
        return c.Build();
    }

    public static byte[] TinyCnn(int seed = 1) => TinyCnnModel(seed).Onnx;

    /// <summary>
    /// A few small layers, fast anywhere: int8 [1, 3, 8, 8] → Conv 3x3 (8, same, Relu) → MaxPool 2x2 →
    /// depthwise 3x3 (same, Relu6) → GlobalAveragePool → Flatten → Gemm (4) → int8 [1, 4].
    /// </summary>
    public static GeneratedModel TinyCnnModel(int seed = 1, QuantOptions? options = null)
    {
        var c = new QuantizedModelComposer(options);
        int layerSeed = seed * 1000;
        QuantizedValue x = c.Input([1, 3, 8, 8], seed);
        x = c.Conv(x, new ConvSpec([1, 3, 8, 8], 8) { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu, Seed = ++layerSeed });
        x = c.MaxPool(x, new PoolSpec(PoolKind.Max, x.Shape.ToArray()));
        x = c.Conv(x, ConvSpec.Depthwise(x.Shape.ToArray()) with { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu6, Seed = ++layerSeed });
        x = c.GlobalAveragePool(x);
        x = c.Flatten(x);
        c.Output(c.FullyConnected(x, new FullyConnectedSpec(8, 4) { Seed = ++layerSeed }));
        return c.Build();
    }

    public static byte[] Mlp(int seed = 1) => MlpModel(seed).Onnx;

    /// <summary>
    /// Two Gemm layers with float edges: float [1, 16] → QuantizeLinear → Gemm (32, Relu) → Gemm (10) →
    /// DequantizeLinear → float [1, 10]. QDQ unless other options are given (the edges stay float).
    /// </summary>
    public static GeneratedModel MlpModel(int seed = 1, QuantOptions? options = null)
    {
        var c = new QuantizedModelComposer((options ?? QuantOptions.Default) with { Edges = ModelEdges.Float });
        int layerSeed = seed * 1000;
        QuantizedValue x = c.Input([1, 16], seed);
        x = c.FullyConnected(x, new FullyConnectedSpec(16, 32) { Activation = ConvActivation.Relu, Seed = ++layerSeed });
        c.Output(c.FullyConnected(x, new FullyConnectedSpec(32, 10) { Seed = ++layerSeed }));
        return c.Build();
    }
}
