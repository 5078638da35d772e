using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Tests.Backend;

public class KernelSelectorTests
{
    private static Graph Single(Operation op, params Tensor[] tensors) =>
        new("g", tensors, [op], [op.Inputs[0]], [op.Outputs[0]]);

    [Fact]
    public void Conv_arguments_match_hand_computed_values()
    {
        // M = 0.5 * 0.25 / 1.0 = 0.125 = 0.5 * 2^-2 -> multiplier 2^30, shift -2.
        // M = 0.5 * 0.75 / 1.0 = 0.375 = 0.75 * 2^-1 -> multiplier 0.75 * 2^31 = 1610612736, shift -1.
        // ReLU with output zp 5 -> clamp [5, 127].
        var conv = new Conv2D("c1", "x", "w", "b", "y",
            new Window2D(3, 2, StrideH: 2, StrideW: 1, DilationH: 1, DilationW: 2, Padding: new Padding2D(1, 0, 1, 0)), 1, FusedActivation.Relu, Layout.Nhwc);
        var graph = Single(conv,
            BackendTestGraphs.Int8("x", [1, 5, 6, 2], 0.5f, -3),
            BackendTestGraphs.Int8Constant("w", [2, 3, 2, 2], new sbyte[24], [0.25f, 0.75f], 0),
            BackendTestGraphs.Int32Constant("b", [1, 2]),
            BackendTestGraphs.Int8("y", [1, 3, 4, 2], 1f, 5));
        var call = Assert.IsType<ConvolveCall>(KernelSelector.Select(graph).Single());
        Assert.Equal(3, call.InputOffset);
        Assert.Equal(5, call.OutputOffset);
        Assert.Equal(new TgTile(1, 2), call.Stride);
        Assert.Equal(new TgTile(0, 1), call.Padding);
        Assert.Equal(new TgTile(2, 1), call.Dilation);
        Assert.Equal(new TgActivation(5, 127), call.Activation);
        Assert.Equal([new QuantizedMultiplier(1 << 30, -2), new QuantizedMultiplier(1610612736, -1)], call.Requantization.ToArray());
        Assert.Equal(new TgDims(1, 5, 6, 2), call.InputDims);
        Assert.Equal(new TgDims(2, 3, 2, 2), call.FilterDims);
        Assert.Equal(new TgDims(1, 1, 1, 2), call.BiasDims);
        Assert.Equal(new TgDims(1, 3, 4, 2), call.OutputDims);
        Assert.Equal("b", call.Bias);
    }

    [Fact]
    public void Depthwise_conv_gets_the_channel_multiplier()
    {
        var conv = new Conv2D("dw", "x", "w", null, "y", new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), 2, FusedActivation.Relu6, Layout.Nhwc);
        var graph = Single(conv,
            BackendTestGraphs.Int8("x", [1, 4, 4, 2], 0.1f, 0),
            BackendTestGraphs.Int8Constant("w", [1, 3, 3, 4], new sbyte[36], [0.1f], -1),
            BackendTestGraphs.Int8("y", [1, 4, 4, 4], 0.05f, -10));
        var call = Assert.IsType<DepthwiseConvCall>(KernelSelector.Select(graph).Single());
        Assert.Equal(2, call.ChannelMultiplier);
        Assert.Null(call.Bias);
        // ReLU6: min = max(-128, -10) = -10, max = min(127, -10 + round(6 / 0.05) = 110) = 110
        Assert.Equal(new TgActivation(-10, 110), call.Activation);
        Assert.Equal(4, call.Requantization.Length);
    }

    [Fact]
    public void Unsupported_convolutions_are_rejected_naming_the_op()
    {
        var grouped = new Conv2D("grouped_one", "x", "w", null, "y", new Window2D(1, 1), 2, FusedActivation.None, Layout.Nhwc);
        var graph = Single(grouped,
            BackendTestGraphs.Int8("x", [1, 2, 2, 4], 0.1f, 0),
            BackendTestGraphs.Int8Constant("w", [4, 1, 1, 2], new sbyte[8], [0.1f], -1),
            BackendTestGraphs.Int8("y", [1, 2, 2, 4], 0.1f, 0));
        Assert.Contains("grouped_one", Assert.Throws<TinyGenException>(() => KernelSelector.Select(graph)).Message);

        var asymmetric = new Conv2D("asym", "x", "w", null, "y", new Window2D(1, 1), 1, FusedActivation.None, Layout.Nhwc);
        var w = new Tensor("w", ElementType.Int8, [4, 1, 1, 4], Quantization.PerTensor(0.1f, 3), TensorData.FromInt8(new sbyte[16]));
        var graph2 = Single(asymmetric, BackendTestGraphs.Int8("x", [1, 2, 2, 4], 0.1f, 0), w, BackendTestGraphs.Int8("y", [1, 2, 2, 4], 0.1f, 0));
        var message = Assert.Throws<TinyGenException>(() => KernelSelector.Select(graph2)).Message;
        Assert.Contains("asym", message);
        Assert.Contains("zero point", message);

    }

    [Fact]
    public void Sub_runs_on_the_subtracting_twin_of_the_add_kernel_with_float_divided_multipliers()
    {
        var sub = new Binary("minus", BinaryKind.Sub, "x", "x2", "y", FusedActivation.None);
        var graph = new Graph("g", [BackendTestGraphs.Int8("x", [1, 4], 1f, 2), BackendTestGraphs.Int8("x2", [1, 4], 1f, -3), BackendTestGraphs.Int8("y", [1, 4], 1f, 5)], [sub], ["x", "x2"], ["y"]);
        var call = Assert.IsType<ElementwiseAddCall>(KernelSelector.Select(graph).Single());
        Assert.Equal(["tg_elementwise_sub_s8"], call.Functions.ToArray());
        Assert.True(call.Subtract);
        // twice max = 2: inputs 1/2 = (2^30, 0); output 2 / 2^20 = 0.5 * 2^-18
        Assert.Equal((new QuantizedMultiplier(1 << 30, 0), new QuantizedMultiplier(1 << 30, 0), new QuantizedMultiplier(1 << 30, -18)),
            (call.Input1Multiplier, call.Input2Multiplier, call.OutputMultiplier));
        Assert.Equal((-2, 3, 5, 20), (call.Input1Offset, call.Input2Offset, call.OutputOffset, call.LeftShift));
    }

    [Fact]
    public void Logistic_and_hard_swish_become_a_table_of_their_256_outputs()
    {
        var logistic = new ElementwiseFunction("sig", "x", "y", UnaryFunction.Logistic);
        var graph = new Graph("g", [BackendTestGraphs.Int8("x", [1, 3], 1f / 16, 0), BackendTestGraphs.Int8("y", [1, 3], 1f / 256, -128)], [logistic], ["x"], ["y"]);
        var call = Assert.IsType<LutCall>(KernelSelector.Select(graph).Single());
        Assert.Equal(256, call.Table.Length);
        var expected = LogisticInt8.For(1f / 16, 0);
        for (var x = -128; x < 128; x++) Assert.Equal(expected.Apply(x), call.Table[x + 128]);
        Assert.Equal((0, 59, -128, 127), (call.Table[128], call.Table[128 + 16], call.Table[128 - 120], call.Table[255]));

        var wrong = new Graph("g", [BackendTestGraphs.Int8("x", [1, 3], 1f / 16, 0), BackendTestGraphs.Int8("y", [1, 3], 1f / 128, -128)], [logistic], ["x"], ["y"]);
        Assert.Contains("sig", Assert.Throws<TinyGenException>(() => KernelSelector.Select(wrong)).Message);
    }

    [Fact]
    public void Mean_is_viewed_as_outer_reduce_inner_and_pad_as_four_axes()
    {
        var mean = new Mean("mean", "x", "y", [1, 2], KeepDims: false);
        var graph = new Graph("g", [BackendTestGraphs.Int8("x", [1, 5, 6, 3], 0.5f, 4), BackendTestGraphs.Int8("y", [1, 3], 0.25f, -2)], [mean], ["x"], ["y"]);
        var call = Assert.IsType<MeanCall>(KernelSelector.Select(graph).Single());
        Assert.Equal((1, 30, 3, -4, -2), (call.Outer, call.Reduce, call.Inner, call.InputOffset, call.OutputOffset));
        // ratio 2 = 0.5 * 2^2 -> (2^30, 2); count 30: k = 4, m = 2^34 / 30 = 572662306, shift -2
        Assert.Equal(new QuantizedMultiplier(572662306, -2), call.Multiplier);

        var gapped = new Graph("g", [BackendTestGraphs.Int8("x", [1, 5, 6, 3], 0.5f, 4), BackendTestGraphs.Int8("y", [1, 6], 0.25f, -2)],
            [new Mean("gapped", "x", "y", [1, 3], KeepDims: false)], ["x"], ["y"]);
        Assert.Contains("adjacent", Assert.Throws<TinyGenException>(() => KernelSelector.Select(gapped)).Message);

        var pad = new Pad("pad", "x", "y", [1, 0, 2, 3, 0, 4], -5f);
        var padded = new Graph("g", [BackendTestGraphs.Int8("x", [2, 3, 4], 0.5f, 4), BackendTestGraphs.Int8("y", [6, 3, 10], 0.5f, 4)], [pad], ["x"], ["y"]);
        var padCall = Assert.IsType<PadCall>(KernelSelector.Select(padded).Single());
        Assert.Equal((new TgDims(1, 2, 3, 4), new TgDims(0, 1, 0, 2), new TgDims(0, 3, 0, 4), -5),
            (padCall.InputDims, padCall.PrePad, padCall.PostPad, padCall.Value));
    }

    [Fact]
    public void Fully_connected_uses_the_header_filter_dims_and_weight_offset()
    {
        var fc = new FullyConnected("fc", "x", "w", null, "y", FusedActivation.None);
        var w = new Tensor("w", ElementType.Int8, [3, 8], Quantization.PerTensor(0.5f, -2), TensorData.FromInt8(new sbyte[24]));
        var graph = Single(fc, BackendTestGraphs.Int8("x", [2, 8], 0.25f, 7), w, BackendTestGraphs.Int8("y", [2, 3], 0.5f, -1));
        var call = Assert.IsType<FullyConnectedCall>(KernelSelector.Select(graph).Single());
        Assert.Equal(new TgDims(2, 1, 1, 8), call.InputDims);
        Assert.Equal(new TgDims(8, 1, 1, 3), call.FilterDims);
        Assert.Equal(new TgDims(2, 1, 1, 3), call.OutputDims);
        Assert.Equal(-7, call.InputOffset);
        Assert.Equal(2, call.FilterOffset);
        Assert.Equal(-1, call.OutputOffset);
        Assert.False(call.PerChannel);
        // 0.25 * 0.5 / 0.5 = 0.25 = 0.5 * 2^-1
        Assert.Equal([new QuantizedMultiplier(1 << 30, -1)], call.Requantization.ToArray());
    }

    [Fact]
    public void Add_broadcasts_input_two_and_uses_the_add_requantization()
    {
        var add = new Binary("add", BinaryKind.Add, "a", "b", "y", FusedActivation.None);
        var graph = new Graph("g",
            [BackendTestGraphs.Int8("a", [1, 2, 2, 3], 0.5f, 1), BackendTestGraphs.Int8("b", [3], 0.25f, -2), BackendTestGraphs.Int8("y", [1, 2, 2, 3], 1f, 0)],
            [add], ["a", "b"], ["y"]);
        var call = Assert.IsType<ElementwiseAddCall>(KernelSelector.Select(graph).Single());
        Assert.Equal((12, 3), (call.BlockSize, call.Input2Length));
        Assert.Equal((-1, 2, 0), (call.Input1Offset, call.Input2Offset, call.OutputOffset));
        Assert.Equal(20, call.LeftShift);
        // twice max = 1.0: m1 = 0.5 -> (2^30, 0); m2 = 0.25 -> (2^30, -1); m_out = 1 / 2^20 -> (2^30, -19)
        Assert.Equal(new QuantizedMultiplier(1 << 30, 0), call.Input1Multiplier);
        Assert.Equal(new QuantizedMultiplier(1 << 30, -1), call.Input2Multiplier);
        Assert.Equal(new QuantizedMultiplier(1 << 30, -19), call.OutputMultiplier);
    }

    [Fact]
    public void Concat_along_channels_places_each_part_at_its_column()
    {
        var concat = new Concat("cat", ["p", "q"], "y", 3);
        var graph = new Graph("g",
            [BackendTestGraphs.Int8("p", [1, 2, 2, 3], 1f, 0), BackendTestGraphs.Int8("q", [1, 2, 2, 5], 1f, 0), BackendTestGraphs.Int8("y", [1, 2, 2, 8], 1f, 0)],
            [concat], ["p", "q"], ["y"]);
        var call = Assert.IsType<ConcatCall>(KernelSelector.Select(graph).Single());
        Assert.Equal(8, call.OutputInner);
        Assert.Equal([new ConcatPart("p", 4, 3, 0), new ConcatPart("q", 4, 5, 3)], call.Parts.ToArray());
    }

    [Fact]
    public void Quantize_edges_pick_the_exact_conversion_or_a_requantize()
    {
        Tensor U8(string n, float s, int z) => new(n, ElementType.UInt8, [1, 4], Quantization.PerTensor(s, z));
        var toS8 = Single(new Quantize("q", "u", "s"), U8("u", 0.1f, 128), BackendTestGraphs.Int8("s", [1, 4], 0.1f, 0));
        Assert.Equal(ConvertDirection.UInt8ToInt8, Assert.IsType<ConvertCall>(KernelSelector.Select(toS8).Single()).Direction);

        var toU8 = Single(new Quantize("q", "s", "u"), BackendTestGraphs.Int8("s", [1, 4], 0.1f, -5), U8("u", 0.1f, 123));
        Assert.Equal(ConvertDirection.Int8ToUInt8, Assert.IsType<ConvertCall>(KernelSelector.Select(toU8).Single()).Direction);

        var rescale = Single(new Quantize("q", "s", "t"), BackendTestGraphs.Int8("s", [1, 4], 0.2f, 3), BackendTestGraphs.Int8("t", [1, 4], 0.1f, -4));
        var r = Assert.IsType<RequantizeCall>(KernelSelector.Select(rescale).Single());
        Assert.Equal((-3, -4, false), (r.InputOffset, r.OutputOffset, r.ToUInt8));
        Assert.Equal(new QuantizedMultiplier(1 << 30, 2), r.Multiplier); // 2.0 = 0.5 * 2^2

        var toU8Rescaled = Single(new Quantize("q", "s", "u"), BackendTestGraphs.Int8("s", [1, 4], 0.2f, 3), U8("u", 0.1f, 130));
        var r2 = Assert.IsType<RequantizeCall>(KernelSelector.Select(toU8Rescaled).Single());
        Assert.Equal((2, true), (r2.OutputOffset, r2.ToUInt8));
        Assert.Equal(["tg_requantize_s8", "tg_convert_s8_u8"], r2.Functions.ToArray());

        var fromFloat = Single(new Quantize("q", "f", "s"), new Tensor("f", ElementType.Float32, [1, 4]), BackendTestGraphs.Int8("s", [1, 4], 0.5f, 9));
        var qf = Assert.IsType<QuantizeFloatCall>(KernelSelector.Select(fromFloat).Single());
        Assert.Equal((4, 0.5f, 9), (qf.Size, qf.Scale, qf.ZeroPoint));
    }

    [Fact]
    public void Softmax_gets_tflite_scaling_and_rows()
    {
        var softmax = new Softmax("sm", "x", "y", 1);
        var graph = Single(softmax, BackendTestGraphs.Int8("x", [3, 10], 0.0625f, 0), BackendTestGraphs.Int8("y", [3, 10], 1f / 256, -128));
        var call = Assert.IsType<SoftmaxCall>(KernelSelector.Select(graph).Single());
        Assert.Equal((3, 10), (call.NumRows, call.RowSize));
        // beta * scale * 2^26 = 2^22 = 0.5 * 2^23 -> multiplier 2^30, left shift 23
        Assert.Equal((1 << 30, 23), (call.Multiplier, call.Shift));
        // radius = floor(31 * 2^26 / 2^23) = 248
        Assert.Equal(-248, call.DiffMin);
    }

    [Theory]
    [InlineData(new[] { 1, 3, 4, 5 }, new[] { 0, 2, 3, 1 }, 4)]
    [InlineData(new[] { 2, 3, 4, 5 }, new[] { 3, 1, 0, 2 }, 1)]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 0, 1 }, 4)]
    [InlineData(new[] { 2, 1, 3, 1, 2 }, new[] { 4, 3, 2, 1, 0 }, 1)]
    [InlineData(new[] { 6 }, new[] { 0 }, 4)]
    [InlineData(new[] { 2, 3, 2, 3, 2 }, new[] { 0, 1, 2, 4, 3 }, 1)]
    public void Transpose_view_moves_bytes_exactly_like_the_n_dimensional_transpose(int[] shape, int[] perm, int elementSize)
    {
        var view = TransposeView.ToFourDimensionalBytes(shape, perm, elementSize);
        Assert.NotNull(view);
        var (dims, perm4) = view.Value;
        Assert.Equal(4, dims.Length);
        var bytes = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b) * elementSize).Select(i => i).ToArray();
        Assert.Equal(Transpose(bytes, [.. shape, elementSize], [.. perm, shape.Length]), Transpose(bytes, [.. dims], [.. perm4]));
    }

    [Fact]
    public void Transpose_needing_five_real_axes_is_rejected()
    {
        Assert.Null(TransposeView.ToFourDimensionalBytes([2, 3, 2, 3, 2], [4, 3, 2, 1, 0], 1));
    }

    /// <summary>Brute-force N-D transpose: out[i0..] = in[index with axis perm[k] = i_k].</summary>
    private static int[] Transpose(int[] data, int[] shape, int[] perm)
    {
        var rank = shape.Length;
        var strides = new int[rank];
        for (int a = rank - 1, s = 1; a >= 0; a--) { strides[a] = s; s *= shape[a]; }
        var outShape = perm.Select(p => shape[p]).ToArray();
        var result = new int[data.Length];
        var index = new int[rank];
        for (var o = 0; o < data.Length; o++)
        {
            var rem = o;
            for (var k = rank - 1; k >= 0; k--) { index[k] = rem % outShape[k]; rem /= outShape[k]; }
            var source = 0;
            for (var k = 0; k < rank; k++) source += index[k] * strides[perm[k]];
            result[o] = data[source];
        }
        return result;
    }
}
