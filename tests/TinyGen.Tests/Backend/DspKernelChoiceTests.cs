using TinyGen.Arithmetic;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Tests.Backend;

/// <summary>
/// Per-layer kernel choice by core and the compile-time filter preparation of the GEMM kernels,
/// checked against values worked out by hand from tg_nn_fast.h's description of the layout.
/// </summary>
public class DspKernelChoiceTests
{
    private static readonly TargetCore M4 = new("cortex-m4", Dsp: true, Mve: false);
    private static readonly TargetCore M3 = new("cortex-m3", Dsp: false, Mve: false);

    [Fact]
    public void Blocked_filter_pairs_rows_in_groups_of_four_then_the_tail_then_the_odd_row()
    {
        // 3 rows x K = 5, value = 10 * row + k.
        var rows = Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, 5).Select(k => (sbyte)(10 * r + k))).ToArray();
        sbyte[] expected = [0, 1, 2, 3, 10, 11, 12, 13, 4, 14, 20, 21, 22, 23, 24];
        Assert.Equal(expected, GemmFilterLayout.Blocked(rows, 3, 5).ToArray());
    }

    [Fact]
    public void Folded_bias_adds_the_input_offset_times_each_row_sum_and_wraps_like_the_accumulator()
    {
        sbyte[] rows = [1, 2, 3, -4, -5, 6];             // row sums 6 and -3
        Assert.Equal([100 + 7 * 6, -50 + 7 * -3], GemmFilterLayout.FoldedBias(rows, 2, 3, [100, -50], 7).ToArray());
        Assert.Equal([-42, 21], GemmFilterLayout.FoldedBias(rows, 2, 3, [], -7).ToArray());
        sbyte[] big = [127, 127];                         // 2^31 - 1 + 128 * 254 wraps to a negative int32
        Assert.Equal([unchecked(int.MaxValue + 128 * 254)], GemmFilterLayout.FoldedBias(big, 1, 2, [int.MaxValue], 128).ToArray());
    }

    [Fact]
    public void A_pointwise_conv_gets_the_int16_kernel_on_a_dsp_core_and_stays_portable_without_dsp()
    {
        var conv = new Conv2D("pw", "x", "w", "b", "y", new Window2D(1, 1), 1, FusedActivation.None, Layout.Nhwc);
        sbyte[] w = [1, 2, 3, 4, 5, -6];                  // 2 outputs x 3 inputs
        var graph = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 2, 2, 3], 0.5f, 4),
            BackendTestGraphs.Int8Constant("w", [2, 1, 1, 3], w, [0.25f], -1),
            BackendTestGraphs.Int32Constant("b", [10, 20]),
            BackendTestGraphs.Int8("y", [1, 2, 2, 2], 1f, 0)], [conv], ["x"], ["y"]);

        var fast = Assert.IsType<FastPointwiseConvCall>(KernelSelector.Select(graph, M4).Single());
        Assert.Equal("tg_pointwise_conv_s8_fast", fast.Kernel);
        Assert.Contains("pointwise 1x1", fast.Reason);
        Assert.False(fast.InPlace);
        // One group of four channels (k = 3 reads 0): two words of scratch.
        Assert.Equal(8, fast.ScratchBytes);
        // input offset -4: row sums 6 and 3, so 10 - 4 * 6 = -14 and 20 - 4 * 3 = 8.
        Assert.Equal([-14, 8], fast.FoldedBias.ToArray());
        // One block of four rows, rows 2 and 3 zero: (k0, k2) per row, then (k1, k3) per row.
        static uint P(int lane0, int lane1) => (ushort)(short)lane0 | ((uint)(ushort)(short)lane1 << 16);
        Assert.Equal([P(1, 3), P(4, -6), 0, 0, P(2, 0), P(5, 0), 0, 0], fast.PackedFilter.ToArray());

        var portable = Assert.IsType<ConvolveCall>(KernelSelector.Select(graph, M3).Single());
        Assert.Contains("no DSP", portable.Reason);
    }

    [Fact]
    public void A_3x3_conv_gets_the_int16_im2col_kernel_with_filter_rows_padded_to_whole_words()
    {
        var conv = new Conv2D("c", "x", "w", null, "y", new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), 1, FusedActivation.None, Layout.Nhwc);
        // One output channel, K = 3 * 3 * 4 = 36 values: w[k] = k - 18.
        var weights = Enumerable.Range(0, 36).Select(k => (sbyte)(k - 18)).ToArray();
        var graph = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 4, 4, 4], 0.5f, 3),
            BackendTestGraphs.Int8Constant("w", [1, 3, 3, 4], weights, [0.25f], -1),
            BackendTestGraphs.Int8("y", [1, 4, 4, 1], 1f, 0)], [conv], ["x"], ["y"]);
        var wide = Assert.IsType<WideConvCall>(KernelSelector.Select(graph, M4).Single());
        Assert.Equal("tg_convolve_s8_wide", wide.Kernel);
        Assert.Equal(72, wide.ScratchBytes);             // K int16 values
        // 9 groups x 8 words (one real row, three zero rows); group 0: (w0, w2) then (w1, w3).
        static uint P(int lane0, int lane1) => (ushort)(short)lane0 | ((uint)(ushort)(short)lane1 << 16);
        Assert.Equal(72, wide.PackedFilter.Length);
        Assert.Equal([P(-18, -16), 0, 0, 0, P(-17, -15), 0, 0, 0], wide.PackedFilter.Take(8).ToArray());
        Assert.Equal([P(14, 16), 0, 0, 0, P(15, 17), 0, 0, 0], wide.PackedFilter.Skip(64).ToArray());
        // row sum = sum(k - 18) over 0..35 = 630 - 648 = -18; input offset -3, no bias: 54.
        Assert.Equal([54], wide.FoldedBias.ToArray());

        // Three channels: each filter row's 9 values get 3 zero weights, K' = 3 x 12 = 36 int16 values (72
        // bytes); w[k] = k + 1 over the 27 real ones, so filter row 0 is 1..9, 0, 0, 0 and row 2 is 19..27, 0, 0, 0.
        var rgb = Enumerable.Range(0, 27).Select(k => (sbyte)(k + 1)).ToArray();
        var three = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 4, 4, 3], 0.5f, 3),
            BackendTestGraphs.Int8Constant("w", [1, 3, 3, 3], rgb, [0.25f], -1),
            BackendTestGraphs.Int8("y", [1, 4, 4, 1], 1f, 0)], [conv], ["x"], ["y"]);
        var narrow = Assert.IsType<WideConvCall>(KernelSelector.Select(three, M4).Single());
        Assert.Equal(72, narrow.ScratchBytes);
        Assert.Equal(72, narrow.PackedFilter.Length);
        // Group 2 holds values 8..11 (row 0's last weight and its padding): (9, 0) then (0, 0); group 7 values
        // 28..31 (row 2's weights 23..26): (23, 25) then (24, 26); group 8 values 32..35: (27, 0) then (0, 0).
        Assert.Equal([P(9, 0), 0, 0, 0, P(0, 0), 0, 0, 0], narrow.PackedFilter.Skip(16).Take(8).ToArray());
        Assert.Equal([P(23, 25), 0, 0, 0, P(24, 26), 0, 0, 0], narrow.PackedFilter.Skip(56).Take(8).ToArray());
        Assert.Equal([P(27, 0), 0, 0, 0, P(0, 0), 0, 0, 0], narrow.PackedFilter.Skip(64).ToArray());
        // The bias folds the 27 real weights only: sum 1..27 = 378, times the input offset -3.
        Assert.Equal([-1134], narrow.FoldedBias.ToArray());
        Assert.Contains("rows of 9 padded to 12", narrow.Reason);

        // One channel, a kernel four wide: each filter row is one word, widened in place; K = 12 int16 values only.
        var rowConv = conv with { Window = new Window2D(3, 4, Padding: new Padding2D(1, 1, 1, 2)) };
        var one = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 4, 4, 1], 0.5f, 3),
            BackendTestGraphs.Int8Constant("w", [1, 3, 4, 1], new sbyte[12], [0.25f], -1),
            BackendTestGraphs.Int8("y", [1, 4, 4, 1], 1f, 0)], [rowConv], ["x"], ["y"]);
        Assert.Equal(24, Assert.IsType<WideConvCall>(KernelSelector.Select(one, M4).Single()).ScratchBytes);
    }

    [Fact]
    public void Fc_order_packs_int16_pairs_k_and_k_plus_2_then_k_plus_1_and_k_plus_3_per_block_of_four_rows()
    {
        // 5 rows x K = 6, value = 10 * row + k (row 4 negated to check the sign of the half-words).
        var rows = Enumerable.Range(0, 5).SelectMany(r => Enumerable.Range(0, 6).Select(k => (sbyte)((r == 4 ? -1 : 1) * (10 * r + k)))).ToArray();
        static uint P(int lane0, int lane1) => (ushort)(short)lane0 | ((uint)(ushort)(short)lane1 << 16);
        uint[] expected =
        [
            // block rows 0..3, group k = 0..3: (k0, k2) per row, then (k1, k3) per row
            P(0, 2), P(10, 12), P(20, 22), P(30, 32), P(1, 3), P(11, 13), P(21, 23), P(31, 33),
            // group k = 4..7 (K = 6): k6 and k7 read as 0
            P(4, 0), P(14, 0), P(24, 0), P(34, 0), P(5, 0), P(15, 0), P(25, 0), P(35, 0),
            // the last block holds row 4 alone
            P(-40, -42), P(-41, -43), P(-44, 0), P(-45, 0),
        ];
        var packed = FullyConnectedFilterLayout.Packed(rows, 5, 6);
        Assert.Equal(expected, packed.ToArray());
        Assert.Equal(0xffd6ffd8u, packed[16]);            // -40 in the low half-word, -42 in the high one
    }

    [Fact]
    public void A_fully_connected_layer_gets_the_int16_kernel_on_a_dsp_core_and_stays_portable_without_dsp()
    {
        var fc = new FullyConnected("fc", "x", "w", "b", "y", FusedActivation.None);
        sbyte[] w = [1, 2, 3, 4, 5, -6];                  // 2 outputs x 3 inputs
        var graph = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 3], 0.5f, 4),
            BackendTestGraphs.Int8Constant("w", [2, 3], w, [0.25f], -1),
            BackendTestGraphs.Int32Constant("b", [10, 20]),
            BackendTestGraphs.Int8("y", [1, 2], 1f, 0)], [fc], ["x"], ["y"]);

        // The layer's own choice (a whole model of only this tiny layer keeps it portable: below).
        var fast = Assert.IsType<FastFullyConnectedCall>(KernelSelector.Select(graph, fc, M4));
        Assert.Equal("tg_fully_connected_s8_fast", fast.Kernel);
        Assert.Contains("int16 weights", fast.Reason);
        Assert.Equal(0, fast.ScratchBytes);
        // input offset -4: row sums 6 and 3, so 10 - 4 * 6 = -14 and 20 - 4 * 3 = 8
        Assert.Equal([-14, 8], fast.FoldedBias.ToArray());
        Assert.Equal(2, fast.Requantization.Length);    // per-tensor repeated per output
        // K = 3: one group, zero-padded; a block of two rows: (1, 3), (4, -6), then (2, 0), (5, 0)
        Assert.Equal([0x00030001u, 0xfffa0004u, 0x00000002u, 0x00000005u], fast.PackedFilter.ToArray());

        var portable = Assert.IsType<FullyConnectedCall>(KernelSelector.Select(graph, M3).Single());
        Assert.Contains("no DSP", portable.Reason);
    }

    [Fact]
    public void A_model_whose_fully_connected_layers_are_all_tiny_heads_keeps_them_portable()
    {
        // 6 MACs alone: portable, saying why. Beside a 32 x 40 = 1,280-MAC layer, the fast kernel is linked
        // anyway, and both layers take it.
        var head = new FullyConnected("head", "h", "w2", null, "y", FusedActivation.None);
        var tiny = new Graph("g", [
            BackendTestGraphs.Int8("h", [1, 3], 0.5f, 4),
            BackendTestGraphs.Int8Constant("w2", [2, 3], [1, 2, 3, 4, 5, -6], [0.25f], -1),
            BackendTestGraphs.Int8("y", [1, 2], 1f, 0)], [head], ["h"], ["y"]);
        var alone = Assert.IsType<FullyConnectedCall>(KernelSelector.Select(tiny, M4).Single());
        Assert.Contains("head of 6 MACs", alone.Reason);

        var body = new FullyConnected("body", "x", "w1", null, "h", FusedActivation.None);
        var both = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 32], 0.5f, 4),
            BackendTestGraphs.Int8Constant("w1", [40, 32], new sbyte[40 * 32], [0.25f], -1),
            BackendTestGraphs.Int8("h", [1, 40], 0.5f, 4),
            BackendTestGraphs.Int8Constant("w2", [2, 40], new sbyte[80], [0.25f], -1),
            BackendTestGraphs.Int8("y", [1, 2], 1f, 0)], [body, head], ["x"], ["y"]);
        Assert.All(KernelSelector.Select(both, M4), call => Assert.IsType<FastFullyConnectedCall>(call));
    }

    [Fact]
    public void Add_tables_hold_each_input_code_rescaled_and_sub_negates_the_second()
    {
        // multiplier 2^30 with shift 0 halves exactly: code c with offset 3 gives (c + 3) * 2^20 / 2.
        var half = new QuantizedMultiplier(1 << 30, 0);
        var table = AddInputTables.Table(3, 20, half, negate: false);
        Assert.Equal(256, table.Length);
        Assert.Equal(3 << 19, table[0]);                  // code 0
        Assert.Equal(2 << 19, table[255]);                // code -1
        Assert.Equal(-125 << 19, table[128]);             // code -128
        Assert.Equal(130 << 19, table[127]);              // code 127
        Assert.Equal(-(3 << 19), AddInputTables.Table(3, 20, half, negate: true)[0]);
        // shift -21 divides by 2^21 more, rounding half away from zero: 0.75 -> 1, -0.25 -> 0, -0.5 -> -1
        var rounded = AddInputTables.Table(3, 20, new QuantizedMultiplier(1 << 30, -21), negate: false);
        Assert.Equal(1, rounded[0]);
        Assert.Equal(0, rounded[252]);                    // code -4
        Assert.Equal(-1, rounded[251]);                   // code -5
    }

    [Fact]
    public void An_add_gets_the_table_kernel_on_a_dsp_core_and_stays_portable_without_dsp()
    {
        var add = new Binary("add", BinaryKind.Sub, "a", "b", "y", FusedActivation.None);
        var graph = new Graph("g", [
            BackendTestGraphs.Int8("a", [1, 2, 2, 3], 0.5f, 4),
            BackendTestGraphs.Int8("b", [1, 2, 2, 3], 0.25f, -2),
            BackendTestGraphs.Int8("y", [1, 2, 2, 3], 1f, 0)], [add], ["a", "b"], ["y"]);
        var fast = Assert.IsType<ElementwiseAddCall>(KernelSelector.Select(graph, M4).Single());
        Assert.Equal("tg_elementwise_add_s8_fast", fast.Kernel);
        Assert.Contains("sub", fast.Reason);
        var tables = Assert.IsType<AddInputTables>(fast.Tables);
        Assert.Equal(AddInputTables.Table(fast.Input2Offset, fast.LeftShift, fast.Input2Multiplier, negate: true).ToArray(), tables.Input2.ToArray());
        Assert.True(tables.Input2[0] < 0 && tables.Input1[0] < 0);  // codes 0: a - 4 < 0 scaled up; b + 2 > 0 negated
        var portable = Assert.IsType<ElementwiseAddCall>(KernelSelector.Select(graph, M3).Single());
        Assert.Null(portable.Tables);
        Assert.Equal("tg_elementwise_sub_s8", portable.Kernel);
    }

    [Fact]
    public void A_padded_1x1_conv_on_three_channels_gets_int8_im2col_scratch_and_a_depthwise_with_multiplier_2_stays_portable()
    {
        // A padded 1x1 on three channels: neither the pointwise kernel (padding) nor the wide one (a 1x1 whose K is not whole words).
        var conv = new Conv2D("c", "x", "w", null, "y", new Window2D(1, 1, Padding: new Padding2D(1, 1, 1, 1)), 1, FusedActivation.None, Layout.Nhwc);
        var graph = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 4, 4, 3], 0.5f, 0),
            BackendTestGraphs.Int8Constant("w", [5, 1, 1, 3], new sbyte[15], [0.25f], -1),
            BackendTestGraphs.Int8("y", [1, 6, 6, 5], 1f, 0)], [conv], ["x"], ["y"]);
        var gemm = Assert.IsType<GemmConvCall>(KernelSelector.Select(graph, M4).Single());
        Assert.Equal("tg_convolve_s8_fast", gemm.Kernel);
        Assert.Equal(8, gemm.ScratchBytes); // two columns of K = 3 bytes, in whole words

        var dw = new Conv2D("dw", "x", "w", null, "y", new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), 2, FusedActivation.None, Layout.Nhwc);
        var dwGraph = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 4, 4, 2], 0.1f, 0),
            BackendTestGraphs.Int8Constant("w", [1, 3, 3, 4], new sbyte[36], [0.1f], -1),
            BackendTestGraphs.Int8("y", [1, 4, 4, 4], 0.05f, 0)], [dw], ["x"], ["y"]);
        var call = Assert.IsType<DepthwiseConvCall>(KernelSelector.Select(dwGraph, M4).Single());
        Assert.False(call.Dsp);
        Assert.Equal("tg_depthwise_conv_s8", call.Kernel);
        Assert.Contains("multiplier 2", call.Reason);
    }
}
