using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Tflite;

/// <summary>
/// Maps one TFLite operator to IR operations with TFLite's semantics: NHWC spatial ops, OHWI
/// convolution weights, [1, KH, KW, Cout] depthwise weights, SAME padding made explicit with
/// TFLite's formula, fully connected inputs read as rows. Operator names are "{OP}_{index}".
/// </summary>
internal static class TfliteOperatorMapper
{
    public static void Map(TfliteOperator op, TfliteGraphBuilder builder)
    {
        var name = $"{op.OpName}_{op.Index}";
        switch ((BuiltinOperator)op.Code)
        {
            case BuiltinOperator.Conv2D: Convolution(op, builder, name, depthwise: false); break;
            case BuiltinOperator.DepthwiseConv2D: Convolution(op, builder, name, depthwise: true); break;
            case BuiltinOperator.FullyConnected: FullyConnected(op, builder, name); break;
            case BuiltinOperator.Add: Binary(op, builder, name, BinaryKind.Add, BuiltinOptionsType.Add); break;
            case BuiltinOperator.Sub: Binary(op, builder, name, BinaryKind.Sub, BuiltinOptionsType.Sub); break;
            case BuiltinOperator.Mul: Binary(op, builder, name, BinaryKind.Mul, BuiltinOptionsType.Mul); break;
            case BuiltinOperator.AveragePool2D: Pool(op, builder, name, PoolKind.Average); break;
            case BuiltinOperator.MaxPool2D: Pool(op, builder, name, PoolKind.Max); break;
            case BuiltinOperator.Softmax: Softmax(op, builder, name); break;
            case BuiltinOperator.Reshape:
            {
                Expect(op, builder, 1, 2, BuiltinOptionsType.Reshape);
                builder.Add(new Reshape(name, In(op, builder, 0, "input"), Out(op, builder), new ReshapeRule.Given()));
                break;
            }
            case BuiltinOperator.Mean: Mean(op, builder, name); break;
            case BuiltinOperator.Pad: Pad(op, builder, name, BuiltinOptionsType.Pad); break;
            case BuiltinOperator.PadV2: Pad(op, builder, name, BuiltinOptionsType.PadV2); break;
            case BuiltinOperator.Concatenation: Concatenation(op, builder, name); break;
            case BuiltinOperator.Quantize:
                Expect(op, builder, 1, 1, BuiltinOptionsType.Quantize);
                // TFLite rounds float → int half away from zero (std::round)
                builder.Add(new Quantize(name, In(op, builder, 0, "input"), Out(op, builder), QuantizeRounding.HalfAwayFromZero));
                break;
            case BuiltinOperator.Dequantize:
                Expect(op, builder, 1, 1, BuiltinOptionsType.Dequantize);
                builder.Add(new Dequantize(name, In(op, builder, 0, "input"), Out(op, builder)));
                break;
            case BuiltinOperator.Logistic:
                Expect(op, builder, 1, 1, BuiltinOptionsType.None);
                builder.Add(new ElementwiseFunction(name, In(op, builder, 0, "input"), Out(op, builder), UnaryFunction.Logistic));
                break;
            case BuiltinOperator.HardSwish:
                Expect(op, builder, 1, 1, BuiltinOptionsType.HardSwish);
                builder.Add(new ElementwiseFunction(name, In(op, builder, 0, "input"), Out(op, builder), UnaryFunction.HardSwish));
                break;
            case BuiltinOperator.Relu:
            case BuiltinOperator.Relu6:
                Expect(op, builder, 1, 1, BuiltinOptionsType.None);
                builder.Add(new Activation(name, In(op, builder, 0, "input"), Out(op, builder),
                    op.Code == (int)BuiltinOperator.Relu ? FusedActivation.Relu : FusedActivation.Relu6));
                break;
            default:
                throw builder.Error($"{op} is not supported");
        }
    }

    private static void Convolution(TfliteOperator op, TfliteGraphBuilder builder, string name, bool depthwise)
    {
        var options = Expect(op, builder, 2, 3, depthwise ? BuiltinOptionsType.DepthwiseConv2D : BuiltinOptionsType.Conv2D);
        // field ids differ: depthwise has depth_multiplier at 3 and shifts the rest by one
        var (strideW, strideH) = (options.Positive(1, "stride_w"), options.Positive(2, "stride_h"));
        var next = depthwise ? 4 : 3;
        var activation = options.Activation(next);
        var (dilationW, dilationH) = (options.Positive(next + 1, "dilation_w_factor", 1), options.Positive(next + 2, "dilation_h_factor", 1));

        var input = Shape4D(op, builder, 0, "input");
        var weights = builder.Tensor(Index(op, builder, 1, "filter")).Shape;
        if (weights.Length != 4) throw builder.Error(op, $"filter must be 4-D, not [{string.Join(",", weights)}]");
        var channels = input[3];
        int groups;
        if (depthwise)
        {
            if (weights[0] != 1) throw builder.Error(op, $"depthwise filter [{string.Join(",", weights)}] must have 1 as its first dimension");
            if (weights[3] % channels != 0)
                throw builder.Error(op, $"depthwise filter has {weights[3]} output channels, not a multiple of the {channels} input channels");
            var multiplier = options.Int32(3, "depth_multiplier");
            // TFLite derives the multiplier from the shapes; a stated one must agree (0 = not stated)
            if (multiplier != 0 && multiplier * channels != weights[3])
                throw builder.Error(op, $"depth_multiplier {multiplier} does not match {channels} input and {weights[3]} output channels");
            groups = channels;
        }
        else
        {
            if (weights[3] != channels)
                throw builder.Error(op, $"filter [{string.Join(",", weights)}] has {weights[3]} input channels but the input has {channels} (grouped convolutions are not supported)");
            groups = 1;
        }
        var window = new Window2D(weights[1], weights[2], strideH, strideW, dilationH, dilationW);
        window = window with { Padding = options.IsSamePadding(0) ? SamePadding(window, input[1], input[2]) : Padding2D.None };

        var x = In(op, builder, 0, "input");
        var w = In(op, builder, 1, "filter");
        var bias = OptionalIn(op, builder, 2, "bias");
        builder.Add(new Conv2D(name, x, w, bias, Out(op, builder), window, groups, activation, Layout.Nhwc));
    }

    /// <summary>
    /// TFLite's SAME padding: out = ceil(in / stride), total = max((out - 1) * stride + effective
    /// kernel - in, 0), the smaller half before (ComputePaddingHeightWidth).
    /// </summary>
    public static Padding2D SamePadding(Window2D window, int height, int width)
    {
        static (int Before, int After) Axis(int input, int stride, int kernel)
        {
            var output = (input + stride - 1) / stride;
            var total = Math.Max((output - 1) * stride + kernel - input, 0);
            return (total / 2, total - total / 2);
        }
        var (top, bottom) = Axis(height, window.StrideH, window.EffectiveKernelH);
        var (left, right) = Axis(width, window.StrideW, window.EffectiveKernelW);
        return new Padding2D(top, left, bottom, right);
    }

    private static void FullyConnected(TfliteOperator op, TfliteGraphBuilder builder, string name)
    {
        var options = Expect(op, builder, 2, 3, BuiltinOptionsType.FullyConnected);
        var activation = options.Activation(0);
        if (options.UInt8(1, "weights_format") != 0) throw builder.Error(op, "shuffled weights (SHUFFLED4x16INT8) are not supported");
        var keepNumDims = options.Bool(2, "keep_num_dims");

        var inputIndex = Index(op, builder, 0, "input");
        var input = builder.Tensor(inputIndex);
        var weights = builder.Tensor(Index(op, builder, 1, "weights")).Shape;
        if (weights.Length != 2) throw builder.Error(op, $"weights must be 2-D, not [{string.Join(",", weights)}]");
        var inFeatures = weights[1];
        var count = input.Shape.Aggregate(1L, (p, d) => p * d);
        if (inFeatures <= 0 || count % inFeatures != 0)
            throw builder.Error(op, $"input [{string.Join(",", input.Shape)}] is not rows of the weights' {inFeatures} input features");
        if (keepNumDims && input.Shape[^1] != inFeatures)
            throw builder.Error(op, $"keep_num_dims needs the input's last dimension to be {inFeatures}, not {input.Shape[^1]}");

        var x = In(op, builder, 0, "input");
        if (!keepNumDims && !(input.Shape.Length == 2 && input.Shape[1] == inFeatures))
        {
            // TFLite reads any input as [count / In, In] rows and writes [rows, Out]; say so with a reshape
            var rows = builder.AddTensor($"{x}_rows", builder.TensorType(x), [(int)(count / inFeatures), inFeatures], builder.QuantizationOf(x));
            builder.Add(new Reshape($"{name}_rows", x, rows, new ReshapeRule.Given()));
            x = rows;
        }
        builder.Add(new FullyConnected(name, x, In(op, builder, 1, "weights"), OptionalIn(op, builder, 2, "bias"), Out(op, builder), activation));
    }

    private static void Binary(TfliteOperator op, TfliteGraphBuilder builder, string name, BinaryKind kind, byte optionsType)
    {
        var options = Expect(op, builder, 2, 2, optionsType);
        builder.Add(new Binary(name, kind, In(op, builder, 0, "input1"), In(op, builder, 1, "input2"), Out(op, builder), options.Activation(0)));
    }

    private static void Pool(TfliteOperator op, TfliteGraphBuilder builder, string name, PoolKind kind)
    {
        var options = Expect(op, builder, 1, 1, BuiltinOptionsType.Pool2D);
        var input = Shape4D(op, builder, 0, "input");
        var window = new Window2D(options.Positive(4, "filter_height"), options.Positive(3, "filter_width"), options.Positive(2, "stride_h"), options.Positive(1, "stride_w"));
        window = window with { Padding = options.IsSamePadding(0) ? SamePadding(window, input[1], input[2]) : Padding2D.None };
        builder.Add(new Pool2D(name, kind, In(op, builder, 0, "input"), Out(op, builder), window, Global: false, options.Activation(5), Layout.Nhwc));
    }

    private static void Softmax(TfliteOperator op, TfliteGraphBuilder builder, string name)
    {
        var options = Expect(op, builder, 1, 1, BuiltinOptionsType.Softmax);
        var rank = builder.Tensor(Index(op, builder, 0, "input")).Shape.Length;
        if (rank == 0) throw builder.Error(op, "softmax of a scalar");
        var beta = options.Float(0, "beta");
        if (!float.IsFinite(beta) || beta <= 0) throw builder.Error(op, $"beta {beta} is not a positive number");
        builder.Add(new Softmax(name, In(op, builder, 0, "input"), Out(op, builder), rank - 1, beta));
    }

    private static void Mean(TfliteOperator op, TfliteGraphBuilder builder, string name)
    {
        var options = Expect(op, builder, 2, 2, BuiltinOptionsType.Reducer);
        var rank = builder.Tensor(Index(op, builder, 0, "input")).Shape.Length;
        var axes = builder.Constant(op, Index(op, builder, 1, "axis"), "axis").ToInt64s();
        var normalized = new List<int>();
        foreach (var a in axes)
        {
            if (a < -rank || a >= rank) throw builder.Error(op, $"axis {a} is out of range for a rank-{rank} input");
            var axis = (int)(a < 0 ? a + rank : a);
            if (!normalized.Contains(axis)) normalized.Add(axis);
        }
        normalized.Sort();
        builder.Add(new Mean(name, In(op, builder, 0, "input"), Out(op, builder), [.. normalized], options.Bool(0, "keep_dims")));
    }

    private static void Pad(TfliteOperator op, TfliteGraphBuilder builder, string name, byte optionsType)
    {
        var v2 = optionsType == BuiltinOptionsType.PadV2;
        Expect(op, builder, 2, v2 ? 3 : 2, optionsType);
        var inputIndex = Index(op, builder, 0, "input");
        var rank = builder.Tensor(inputIndex).Shape.Length;
        var paddings = builder.Constant(op, Index(op, builder, 1, "paddings"), "paddings");
        var values = paddings.ToInt64s();
        if (values.Length != 2 * rank) throw builder.Error(op, $"paddings has {values.Length} values for a rank-{rank} input; it needs [{rank}, 2]");
        if (values.Any(p => p < 0 || p > int.MaxValue / 2)) throw builder.Error(op, $"paddings [{string.Join(",", values)}] must be non-negative");
        // TFLite: [rank, 2] rows of (before, after); the IR: all befores, then all afters
        var pads = Enumerable.Range(0, rank).Select(a => (int)values[2 * a]).Concat(Enumerable.Range(0, rank).Select(a => (int)values[2 * a + 1])).ToImmutableArray();

        var x = In(op, builder, 0, "input");
        float value;
        if (v2 && op.Inputs.Length > 2 && op.Inputs[2] >= 0)
        {
            var constant = builder.Constant(op, op.Inputs[2], "constant_values").ToDoubles();
            value = constant.Length == 1 ? (float)constant[0] : throw builder.Error(op, $"constant_values must be one value, has {constant.Length}");
        }
        else
        {
            // TFLite pads a quantized tensor with its zero point (real 0)
            value = builder.QuantizationOf(x) is { } q && builder.TensorType(x).IsQuantizedInteger() ? q.ZeroPoint : 0f;
        }
        builder.Add(new Pad(name, x, Out(op, builder), pads, value));
    }

    private static void Concatenation(TfliteOperator op, TfliteGraphBuilder builder, string name)
    {
        var options = Expect(op, builder, 1, int.MaxValue, BuiltinOptionsType.Concatenation);
        var parts = Enumerable.Range(0, op.Inputs.Length).Select(i => In(op, builder, i, $"input {i}")).ToImmutableArray();
        var axis = options.Int32(0, "axis");
        var rank = builder.Tensor(op.Inputs[0]).Shape.Length;
        if (axis < -rank || axis >= rank) throw builder.Error(op, $"axis {axis} is out of range for rank-{rank} inputs");
        var activation = options.Activation(1);
        var output = Out(op, builder);
        if (activation.IsNone)
        {
            builder.Add(new Concat(name, parts, output, axis));
            return;
        }
        // the IR's Concat has no clamp of its own: concatenate, then clamp with the output's quantization
        var joined = builder.AddTensor($"{output}_unclamped", builder.TensorType(output), builder.Tensor(op.Outputs[0]).Shape.ToImmutableArray(), builder.QuantizationOf(output));
        builder.Add(new Concat(name, parts, joined, axis));
        builder.Add(new Activation($"{name}_activation", joined, output, activation));
    }

    private static int[] Shape4D(TfliteOperator op, TfliteGraphBuilder builder, int slot, string operand)
    {
        var shape = builder.Tensor(Index(op, builder, slot, operand)).Shape;
        return shape.Length == 4 ? shape : throw builder.Error(op, $"{operand} must be 4-D (NHWC), not [{string.Join(",", shape)}]");
    }

    /// <summary>Checks the operand counts and the options' union type; the options to read fields from.</summary>
    private static TfliteOptions Expect(TfliteOperator op, TfliteGraphBuilder builder, int minInputs, int maxInputs, byte optionsType)
    {
        if (op.Inputs.Length < minInputs || op.Inputs.Length > maxInputs)
            throw builder.Error(op, $"has {op.Inputs.Length} inputs, expected {(minInputs == maxInputs ? $"{minInputs}" : $"{minInputs} to {maxInputs}")}");
        if (op.Outputs.Length != 1) throw builder.Error(op, $"has {op.Outputs.Length} outputs, expected 1");
        return new TfliteOptions(op, builder, optionsType);
    }

    private static int Index(TfliteOperator op, TfliteGraphBuilder builder, int slot, string operand) =>
        slot < op.Inputs.Length && op.Inputs[slot] >= 0 ? op.Inputs[slot] : throw builder.Error(op, $"required input {slot} ({operand}) is missing");

    private static string In(TfliteOperator op, TfliteGraphBuilder builder, int slot, string operand) => builder.Use(Index(op, builder, slot, operand), operand);

    private static string? OptionalIn(TfliteOperator op, TfliteGraphBuilder builder, int slot, string operand) =>
        slot < op.Inputs.Length && op.Inputs[slot] >= 0 ? builder.Use(op.Inputs[slot], operand) : null;

    private static string Out(TfliteOperator op, TfliteGraphBuilder builder) => builder.Use(op.Outputs[0], "output");
}
