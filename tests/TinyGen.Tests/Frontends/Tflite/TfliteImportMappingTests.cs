using TinyGen.Diagnostics;
using TinyGen.Frontends.Tflite;
using TinyGen.Frontends.Tflite.Building;
using TinyGen.Ir;
using static TinyGen.Frontends.Tflite.Building.TfliteOptionTables;

namespace TinyGen.Tests.Frontends.Tflite;

/// <summary>
/// What the importer makes of each operator and tensor field, checked on the imported IR against
/// the schema's meaning (for ops whose kernels live elsewhere, this is their whole contract), and
/// the errors it gives for what it does not support.
/// </summary>
public sealed class TfliteImportMappingTests
{
    [Fact]
    public void Conv_weights_stay_ohwi_with_same_padding_made_explicit_and_per_channel_axis_0()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 7, 6, 3], 0.1f, 0);
        var w = b.Int8Constant("w", [4, 3, 3, 3], new sbyte[108], [0.1f, 0.2f, 0.3f, 0.4f]);
        var y = b.Int8("y", [1, 4, 3, 4], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Conv2D, [x, w, -1], [y], BuiltinOptionsType.Conv2D, Conv2D(Same, 2, 2, Relu6, dilationH: 1, dilationW: 1));

        var graph = Import(b.Inputs(x).Outputs(y));

        var conv = Assert.IsType<Conv2D>(graph.Operations.Single());
        // H: out 4, total (4-1)*2+3-7 = 2 → 1/1; W: out 3, total (3-1)*2+3-6 = 1 → 0 before, 1 after
        Assert.Equal(new Padding2D(1, 0, 1, 1), conv.Window.Padding);
        Assert.Equal((2, 2), (conv.Window.StrideH, conv.Window.StrideW));
        Assert.Equal((Layout.Nhwc, 1, FusedActivation.Relu6, (string?)null), (conv.Layout, conv.Groups, conv.Activation, conv.Bias));
        Assert.Equal(new[] { 4, 3, 3, 3 }, graph[conv.Weights].Shape.ToArray());
        Assert.Equal(0, graph[conv.Weights].Quantization!.Axis);
    }

    [Fact]
    public void Depthwise_with_one_input_channel_keeps_tflite_weights_and_is_depthwise()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 5, 5, 1], 0.1f, 0);
        var w = b.Int8Constant("w", [1, 3, 3, 4], new sbyte[36], [0.1f, 0.2f, 0.3f, 0.4f], dimension: 3);
        var y = b.Int8("y", [1, 3, 3, 4], 0.1f, 0);
        b.AddOperator(BuiltinOperator.DepthwiseConv2D, [x, w, -1], [y], BuiltinOptionsType.DepthwiseConv2D, DepthwiseConv2D(Valid, 1, 1, 4, dilationH: 1, dilationW: 1));

        var graph = Import(b.Inputs(x).Outputs(y));

        var conv = Assert.IsType<Conv2D>(graph.Operations.Single());
        Assert.Equal(1, conv.Groups);
        Assert.True(conv.IsDepthwise(graph));
        Assert.Equal(3, graph[conv.Weights].Quantization!.Axis);
    }

    [Fact]
    public void Dilation_factors_reach_the_window()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 9, 9, 2], 0.1f, 0);
        var w = b.Int8Constant("w", [2, 3, 3, 2], new sbyte[36], [0.1f]);
        var y = b.Int8("y", [1, 9, 9, 2], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Conv2D, [x, w, -1], [y], BuiltinOptionsType.Conv2D, Conv2D(Same, 1, 1, NoActivation, dilationH: 3, dilationW: 2));

        var conv = Assert.IsType<Conv2D>(Import(b.Inputs(x).Outputs(y)).Operations.Single());

        Assert.Equal((3, 2), (conv.Window.DilationH, conv.Window.DilationW));
        Assert.Equal(new Padding2D(3, 2, 3, 2), conv.Window.Padding); // effective kernel 7x5
    }

    [Fact]
    public void Fully_connected_keep_num_dims_reads_the_last_axis_without_a_reshape()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 2, 6], 0.1f, 0);
        var w = b.Int8Constant("w", [3, 6], new sbyte[18], [0.1f]);
        var y = b.Int8("y", [1, 2, 3], 0.1f, 0);
        b.AddOperator(BuiltinOperator.FullyConnected, [x, w, -1], [y], BuiltinOptionsType.FullyConnected, FullyConnected(keepNumDims: true));

        var graph = Compiler.Lower(Import(b.Inputs(x).Outputs(y)));

        Assert.Single(graph.Operations.OfType<FullyConnected>());
        Assert.Equal(new[] { 1, 2, 3 }, graph["y"].Shape.ToArray());
    }

    [Theory]
    [InlineData(BuiltinOperator.Sub, BinaryKind.Sub)]
    [InlineData(BuiltinOperator.Mul, BinaryKind.Mul)]
    public void Arithmetic_maps_to_binary_with_its_fused_activation(BuiltinOperator code, BinaryKind kind)
    {
        var b = new TfliteModelBuilder();
        var p = b.Int8("p", [1, 4], 0.1f, 0);
        var q = b.Int8("q", [1, 4], 0.2f, 1);
        var y = b.Int8("y", [1, 4], 0.3f, 2);
        b.AddOperator(code, [p, q], [y], code == BuiltinOperator.Sub ? BuiltinOptionsType.Sub : BuiltinOptionsType.Mul, ElementwiseArithmetic(ReluN1To1));

        var op = Assert.IsType<Binary>(Import(b.Inputs(p, q).Outputs(y)).Operations.Single());

        Assert.Equal((kind, "p", "q", "y"), (op.Op, op.A, op.B, op.Output));
        Assert.Equal(new FusedActivation(-1, 1), op.Activation);
    }

    [Theory]
    [InlineData(BuiltinOperator.Logistic, UnaryFunction.Logistic)]
    [InlineData(BuiltinOperator.HardSwish, UnaryFunction.HardSwish)]
    public void Logistic_and_hard_swish_map_to_elementwise_functions(BuiltinOperator code, UnaryFunction function)
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 4], 0.1f, 0);
        var y = b.Int8("y", [1, 4], 1f / 256, -128);
        b.AddOperator(code, [x], [y]);

        var op = Assert.IsType<ElementwiseFunction>(Import(b.Inputs(x).Outputs(y)).Operations.Single());

        Assert.Equal(function, op.Function);
    }

    [Fact]
    public void Mean_takes_its_axes_from_the_constant_normalized_and_keeps_dims()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 4, 4, 8], 0.1f, 0);
        var axes = b.Int32Constant("axes", [2], [-2, 1]);
        var y = b.Int8("y", [1, 1, 1, 8], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Mean, [x, axes], [y], BuiltinOptionsType.Reducer, Reducer(keepDims: true));

        var mean = Assert.IsType<Mean>(Import(b.Inputs(x).Outputs(y)).Operations.Single());

        Assert.Equal(new[] { 1, 2 }, mean.Axes.ToArray());
        Assert.True(mean.KeepDims);
    }

    [Fact]
    public void Pad_pads_with_the_zero_point_and_padv2_with_its_constant_in_onnx_order()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 2, 2, 1], 0.1f, -7);
        var paddings = b.Int32Constant("paddings", [4, 2], [0, 0, 1, 2, 3, 4, 0, 0]);
        var padded = b.Int8("padded", [1, 5, 9, 1], 0.1f, -7);
        b.AddOperator(BuiltinOperator.Pad, [x, paddings], [padded], BuiltinOptionsType.Pad, Empty());
        var value = b.AddTensor("value", TfliteTensorType.Int8, [], new TfliteQuantization([0.1f], [-7], 0), [unchecked((byte)-100)]);
        var y = b.Int8("y", [1, 7, 13, 1], 0.1f, -7);
        b.AddOperator(BuiltinOperator.PadV2, [padded, paddings, value], [y], BuiltinOptionsType.PadV2, Empty());

        var pads = Import(b.Inputs(x).Outputs(y)).Operations.Cast<Pad>().ToList();

        Assert.Equal(new[] { 0, 1, 3, 0, 0, 2, 4, 0 }, pads[0].Pads.ToArray());
        Assert.Equal(-7f, pads[0].Value);
        Assert.Equal(-100f, pads[1].Value);
    }

    [Fact]
    public void Quantize_from_float_rounds_half_away_from_zero_and_concatenation_keeps_a_negative_axis()
    {
        var b = new TfliteModelBuilder();
        var x = b.Float32("x", [1, 2, 2, 3]);
        var q = b.Int8("q", [1, 2, 2, 3], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Quantize, [x], [q], BuiltinOptionsType.Quantize, Empty());
        var y = b.Int8("y", [1, 2, 2, 6], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Concatenation, [q, q], [y], BuiltinOptionsType.Concatenation, Concatenation(-1));

        var ops = Import(b.Inputs(x).Outputs(y)).Operations;

        Assert.Equal(QuantizeRounding.HalfAwayFromZero, Assert.IsType<Quantize>(ops[0]).Rounding);
        Assert.Equal(-1, Assert.IsType<Concat>(ops[1]).Axis);
    }

    [Fact]
    public void Empty_and_repeated_tensor_names_get_unique_ir_names()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("", [1, 4], 0.1f, 0);
        var h = b.Int8("same", [1, 4], 0.1f, 0);
        var y = b.Int8("same", [1, 4], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Relu, [x], [h]);
        b.AddOperator(BuiltinOperator.Relu6, [h], [y]);

        var graph = Import(b.Inputs(x).Outputs(y));

        Assert.Equal("tensor_0", graph.Inputs.Single());
        Assert.Equal("same_2", graph.Outputs.Single());
        Assert.Equal(new[] { "same", "same_2", "tensor_0" }, graph.Tensors.Keys.ToArray());
    }

    [Fact]
    public void Operator_codes_above_127_are_read_from_builtin_code()
    {
        // schema: the byte field holds 127 (PLACEHOLDER_FOR_GREATER_OP_CODES) and builtin_code the real code
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 4], 0.1f, 0);
        var y = b.Int8("y", [1, 4], 0.1f, 0);
        b.AddOperator(150, [x], [y]);

        var error = Assert.Throws<TinyGenException>(() => Import(b.Inputs(x).Outputs(y)));

        Assert.Contains("operator 0 (GELU) is not supported", error.Message);
    }

    [Fact]
    public void Unsupported_ops_and_activations_are_named()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 4], 0.1f, 0);
        var y = b.Int8("y", [1, 4], 0.1f, 0);
        var z = b.Int8("z", [1, 4], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Add, [x, x], [y], BuiltinOptionsType.Add, ElementwiseArithmetic(Tanh));
        b.AddOperator(28, [y], [z]);
        var error = Assert.Throws<TinyGenException>(() => Import(b.Inputs(x).Outputs(z)));
        Assert.Contains("operator 0 (ADD): fused activation TANH is not supported", error.Message);

        var c = new TfliteModelBuilder();
        var cx = c.Int8("x", [1, 4], 0.1f, 0);
        var cz = c.Int8("z", [1, 4], 0.1f, 0);
        c.AddOperator(28, [cx], [cz]);
        Assert.Contains("operator 0 (TANH) is not supported", Assert.Throws<TinyGenException>(() => Import(c.Inputs(cx).Outputs(cz))).Message);
    }

    [Fact]
    public void Operators_out_of_execution_order_are_rejected()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 4], 0.1f, 0);
        var h = b.Int8("h", [1, 4], 0.1f, 0);
        var y = b.Int8("y", [1, 4], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Relu, [h], [y]);
        b.AddOperator(BuiltinOperator.Relu, [x], [h]);

        var error = Assert.Throws<TinyGenException>(() => Import(b.Inputs(x).Outputs(y)));

        Assert.Contains("operator 0 (RELU) reads tensor 'h' before any operator writes it", error.Message);
    }

    [Fact]
    public void A_dynamic_batch_becomes_one()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [-1, 4], 0.1f, 0);
        var y = b.Int8("y", [-1, 4], 0.1f, 0);
        b.AddOperator(BuiltinOperator.Relu, [x], [y]);

        var graph = Import(b.Inputs(x).Outputs(y));

        Assert.Equal(new[] { 1, 4 }, graph["x"].Shape.ToArray());
    }

    private static Graph Import(TfliteModelBuilder builder) => TfliteImporter.Import(builder.Build(), "built");
}
