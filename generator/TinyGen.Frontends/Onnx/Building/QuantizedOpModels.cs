namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// Single-op (and tiny multi-op) quantized models, one seeded graph input per activation operand, in
/// the form, activation type, edge type and multiplier range the options ask for. Graph inputs are named
/// "input" ("input_a"/"input_b", "input0".. for several), the output "output".
/// </summary>
public static class QuantizedOpModels
{
    public static GeneratedModel Conv(ConvSpec spec, QuantOptions? options = null) =>
        Single(options, c => c.Conv(c.Input(spec.InputShape, spec.Seed), spec));

    public static GeneratedModel FullyConnected(FullyConnectedSpec spec, QuantOptions? options = null) =>
        Single(options, c => c.FullyConnected(c.Input([spec.Batch, spec.InFeatures], spec.Seed), spec));

    public static GeneratedModel Binary(BinarySpec spec, QuantOptions? options = null) =>
        Single(options, c =>
        {
            QuantizedValue a = c.Input(spec.ShapeA, spec.Seed, spec.ConstantB ? "input" : "input_a");
            QuantizedValue b = spec.ConstantB ? c.Constant(spec.ShapeB, spec.Seed + 1) : c.Input(spec.ShapeB, spec.Seed + 1, "input_b");
            return c.Binary(a, b, spec.Op, spec.Seed);
        });

    public static GeneratedModel Pool(PoolSpec spec, QuantOptions? options = null) =>
        Single(options, c => c.Pool(c.Input(spec.InputShape, spec.Seed), spec));

    public static GeneratedModel GlobalAveragePool(GlobalAveragePoolSpec spec, QuantOptions? options = null) =>
        Single(options, c => c.GlobalAveragePool(c.Input(spec.InputShape, spec.Seed)));

    public static GeneratedModel Softmax(SoftmaxSpec spec, QuantOptions? options = null) =>
        Single(options, c => c.Softmax(c.Input(spec.InputShape, spec.Seed), spec.Axis));

    /// <summary>With SharedQuantization, inputs and output all use the first input's seeded scale and zero point.</summary>
    public static GeneratedModel Concat(ConcatSpec spec, QuantOptions? options = null) =>
        Single(options, c =>
        {
            var inputs = new List<QuantizedValue>();
            for (int i = 0; i < spec.InputShapes.Count; i++)
            {
                string name = $"input{i}";
                inputs.Add(spec.SharedQuantization && i > 0
                    ? c.Input(spec.InputShapes[i], inputs[0].Scale, inputs[0].ZeroPoint, spec.Seed + i, name)
                    : c.Input(spec.InputShapes[i], spec.Seed + i, name));
            }
            return c.Concat(inputs, spec.Axis, spec.Seed,
                spec.SharedQuantization ? (inputs[0].Scale, inputs[0].ZeroPoint) : null);
        });

    /// <summary>Sigmoid of one seeded input (QDQ or QLinearSigmoid), output 1/256 unless given.</summary>
    public static GeneratedModel Sigmoid(int[] shape, int seed, QuantOptions? options = null, (float Scale, int ZeroPoint)? outputQuantization = null) =>
        Single(options, c => c.Sigmoid(c.Input(shape, seed), outputQuantization));

    public static GeneratedModel HardSwish(int[] shape, int seed, QuantOptions? options = null) =>
        Single(options, c => c.HardSwish(c.Input(shape, seed), seed));

    public static GeneratedModel ReduceMean(int[] shape, int[] axes, bool keepDims, int seed, QuantOptions? options = null, (float Scale, int ZeroPoint)? outputQuantization = null) =>
        Single(options, c => c.ReduceMean(c.Input(shape, seed), axes, keepDims, seed, outputQuantization));

    /// <summary>A standalone constant Pad (pads: begins then ends) with the quantized value <paramref name="level"/>.</summary>
    public static GeneratedModel Pad(int[] shape, int[] pads, int level, int seed, QuantOptions? options = null) =>
        Single(options, c => c.Pad(c.Input(shape, seed), pads, level));

    public static GeneratedModel Reshape(ReshapeSpec spec, QuantOptions? options = null) =>
        Single(options, c => c.Reshape(c.Input(spec.InputShape, spec.Seed), spec.TargetShape));

    public static GeneratedModel Flatten(FlattenSpec spec, QuantOptions? options = null) =>
        Single(options, c => c.Flatten(c.Input(spec.InputShape, spec.Seed), spec.Axis));

    public static GeneratedModel Transpose(TransposeSpec spec, QuantOptions? options = null) =>
        Single(options, c => c.Transpose(c.Input(spec.InputShape, spec.Seed), spec.Perm));

    /// <summary>
    /// Conv (same padding, Relu) whose output is added back to its input: one tensor with two consumers,
    /// the shape of a residual block.
    /// </summary>
    public static GeneratedModel ResidualAdd(int[] inputShapeNchw, int seed = 1, QuantOptions? options = null) =>
        Single(options, c =>
        {
            QuantizedValue x = c.Input(inputShapeNchw, seed);
            QuantizedValue y = c.Conv(x, new ConvSpec(inputShapeNchw, inputShapeNchw[1])
            {
                Pads = Padding2D.SameUpper,
                Activation = ConvActivation.Relu,
                Seed = seed,
            });
            return c.Binary(x, y, BinaryOp.Add, seed);
        });

    /// <summary>Conv → MaxPool 2x2 → Flatten → fully connected: a chain across the layout-sensitive boundary.</summary>
    public static GeneratedModel ConvPoolFullyConnected(int[] inputShapeNchw, int outChannels, int classes, int seed = 1, QuantOptions? options = null) =>
        Single(options, c =>
        {
            QuantizedValue x = c.Input(inputShapeNchw, seed);
            QuantizedValue y = c.Conv(x, new ConvSpec(inputShapeNchw, outChannels) { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu, Seed = seed });
            y = c.MaxPool(y, new PoolSpec(PoolKind.Max, y.Shape.ToArray()));
            y = c.Flatten(y);
            return c.FullyConnected(y, new FullyConnectedSpec(y.Shape[1], classes) { Seed = seed + 1 });
        });

    private static GeneratedModel Single(QuantOptions? options, Func<QuantizedModelComposer, QuantizedValue> body)
    {
        var composer = new QuantizedModelComposer(options);
        composer.Output(body(composer));
        return composer.Build();
    }
}
