using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Tests.Backend;

/// <summary>
/// Kernel choice on a core with MVE (Cortex-M55) and the compile-time filter order of the MVE GEMM
/// kernels, checked against values worked out by hand from tg_nn_mve.h's description of the layout.
/// </summary>
public class MveKernelChoiceTests
{
    private static readonly TargetCore M55 = new("cortex-m55", Dsp: true, Mve: true);
    private static readonly TargetCore M4 = new("cortex-m4", Dsp: true, Mve: false);

    /// <summary>Values 20 * row + k for k in [first, first + count).</summary>
    private static IEnumerable<sbyte> Row(int row, int first, int count) => Enumerable.Range(first, count).Select(k => (sbyte)(20 * row + k));

    [Fact]
    public void Grouped_filter_interleaves_four_rows_per_16_values_then_their_tails_then_the_rest_plainly()
    {
        // 5 rows x K = 18: one group of four rows (one whole 16, a tail of 2), then row 4 plainly.
        var rows = Enumerable.Range(0, 5).SelectMany(r => Row(r, 0, 18)).ToArray();
        sbyte[] expected =
        [
            .. Row(0, 0, 16), .. Row(1, 0, 16), .. Row(2, 0, 16), .. Row(3, 0, 16),
            .. Row(0, 16, 2), .. Row(1, 16, 2), .. Row(2, 16, 2), .. Row(3, 16, 2),
            .. Row(4, 0, 18),
        ];
        Assert.Equal(expected, MveFilterLayout.Grouped(rows, 5, 18).ToArray());
        // Fewer than four rows: nothing to group.
        Assert.Equal(rows[..36], MveFilterLayout.Grouped(rows[..36], 2, 18).ToArray());
    }

    [Fact]
    public void A_pointwise_conv_becomes_an_mve_gemm_on_the_m55_and_keeps_its_dsp_kernel_on_the_m4()
    {
        var conv = new Conv2D("pw", "x", "w", "b", "y", new Window2D(1, 1), 1, FusedActivation.None, Layout.Nhwc);
        sbyte[] w = [1, 2, 3, 4, 5, -6];                  // 2 outputs x 3 inputs
        var graph = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 2, 2, 3], 0.5f, 4),
            BackendTestGraphs.Int8Constant("w", [2, 1, 1, 3], w, [0.25f], -1),
            BackendTestGraphs.Int32Constant("b", [10, 20]),
            BackendTestGraphs.Int8("y", [1, 2, 2, 2], 1f, 0)], [conv], ["x"], ["y"]);

        var gemm = Assert.IsType<MveGemmCall>(KernelSelector.Select(graph, M55).Single());
        Assert.Equal("tg_convolve_1x1_s8_mve", gemm.Kernel);
        Assert.Equal(MveGemmShape.Pointwise, gemm.Shape);
        Assert.Equal(0, gemm.ScratchBytes);
        Assert.Contains("VMLADAVA", gemm.Reason);
        Assert.Contains("MVE", gemm.Reason);
        // input offset -4: row sums 6 and 3, so 10 - 4 * 6 = -14 and 20 - 4 * 3 = 8; two rows stay plain.
        Assert.Equal([-14, 8], gemm.FoldedBias.ToArray());
        Assert.Equal(w, gemm.GroupedFilter.ToArray());
        Assert.NotNull(gemm.Portable);

        // The M4 keeps its DSP kernel, whichever that is.
        var m4 = KernelSelector.Select(graph, M4).Single();
        Assert.EndsWith("_fast", m4.Kernel);
        Assert.DoesNotContain("MVE", m4.Reason);
    }

    [Fact]
    public void A_padded_3x3_conv_gets_im2col_scratch_and_a_fully_connected_layer_its_own_mve_kernel()
    {
        var conv = new Conv2D("c", "x", "w", null, "y", new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), 1, FusedActivation.None, Layout.Nhwc);
        var graph = new Graph("g", [
            BackendTestGraphs.Int8("x", [1, 4, 4, 3], 0.5f, 0),
            BackendTestGraphs.Int8Constant("w", [5, 3, 3, 3], new sbyte[135], [0.25f], -1),
            BackendTestGraphs.Int8("y", [1, 4, 4, 5], 1f, 0)], [conv], ["x"], ["y"]);
        var gemm = Assert.IsType<MveGemmCall>(KernelSelector.Select(graph, M55).Single());
        Assert.Equal(MveGemmShape.Im2col, gemm.Shape);
        Assert.Equal("tg_convolve_s8_mve", gemm.Kernel);
        Assert.Equal(56, gemm.ScratchBytes); // two columns of K = 27 bytes, in whole words

        var fc = new FullyConnected("fc", "x", "w", "b", "y", FusedActivation.None);
        var fcGraph = new Graph("g", [
            BackendTestGraphs.Int8("x", [3, 2], 0.25f, 7),
            BackendTestGraphs.Int8Constant("w", [2, 2], [1, -2, 3, 4], [0.5f], -1),
            BackendTestGraphs.Int32Constant("b", [100, -100]),
            BackendTestGraphs.Int8("y", [3, 2], 0.5f, -1)], [fc], ["x"], ["y"]);
        var fcCall = Assert.IsType<MveGemmCall>(KernelSelector.Select(fcGraph, M55).Single());
        Assert.Equal("tg_fully_connected_s8_mve", fcCall.Kernel);
        Assert.Equal(MveGemmShape.FullyConnected, fcCall.Shape);
        Assert.Equal((new TgDims(3, 1, 1, 2), new TgDims(2, 1, 1, 2), new TgDims(3, 1, 1, 2)), (fcCall.InputDims, fcCall.FilterDims, fcCall.OutputDims));
        // input offset -7: row sums -1 and 7, so 100 + 7 = 107 and -100 - 49 = -149; the per-tensor multiplier once per output.
        Assert.Equal([107, -149], fcCall.FoldedBias.ToArray());
        Assert.Equal(2, fcCall.Requantization.Length);
        Assert.Equal(fcCall.Requantization[0], fcCall.Requantization[1]);
    }

    [Fact]
    public void Depthwise_with_multiplier_1_gets_the_mve_kernel_and_multiplier_2_falls_back_with_a_reason()
    {
        DepthwiseConvCall Depthwise(int multiplier, TargetCore core)
        {
            var dw = new Conv2D("dw", "x", "w", null, "y", new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), 2, FusedActivation.None, Layout.Nhwc);
            var graph = new Graph("g", [
                BackendTestGraphs.Int8("x", [1, 4, 4, 2], 0.1f, 0),
                BackendTestGraphs.Int8Constant("w", [1, 3, 3, 2 * multiplier], new sbyte[18 * multiplier], [0.1f], -1),
                BackendTestGraphs.Int8("y", [1, 4, 4, 2 * multiplier], 0.05f, 0)], [dw], ["x"], ["y"]);
            return Assert.IsType<DepthwiseConvCall>(KernelSelector.Select(graph, core).Single());
        }

        var mve = Depthwise(1, M55);
        Assert.Equal("tg_depthwise_conv_s8_mve", mve.Kernel);
        Assert.Contains("MVE", mve.Reason);
        Assert.Equal("tg_depthwise_conv_s8_fast", Depthwise(1, M4).Kernel);
        var fallback = Depthwise(2, M55);
        Assert.Equal("tg_depthwise_conv_s8", fallback.Kernel);
        Assert.Contains("multiplier 2", fallback.Reason);
    }
}
