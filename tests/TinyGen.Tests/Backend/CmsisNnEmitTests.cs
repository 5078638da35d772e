using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Emit;
using TinyGen.Lowering;
using TinyGen.Run;

namespace TinyGen.Tests.Backend;

/// <summary>
/// --kernels cmsis-nn without a CMSIS-NN checkout: which calls go to CMSIS-NN and which stay on our
/// kernels, the scratch bounds worked by hand from CMSIS-NN's *_get_buffer_size formulas, and how a
/// checkout is found. Building and running against a real checkout is CmsisNnBitExactnessTests.
/// </summary>
public class CmsisNnEmitTests
{
    private static EmittedProject EmitAllKernels(KernelLibrary kernels) =>
        CEmitter.Emit(BackendTestGraphs.AllKernels(), BackendTestGraphs.HostBoard, BackendTestGraphs.Options() with { Kernels = kernels });

    [Fact]
    public void Ops_cmsis_nn_has_call_it_and_the_rest_stay_on_our_kernels()
    {
        var project = EmitAllKernels(KernelLibrary.CmsisNn);
        var model = project["all_kernels.c"].Content;

        Assert.Contains("#include \"arm_nnfunctions.h\"", model, StringComparison.Ordinal);
        foreach (var arm in new[] { "arm_max_pool_s8(", "arm_avgpool_s8(", "arm_depthwise_conv_wrapper_s8(", "arm_elementwise_mul_s8(", "arm_softmax_s8(" })
            Assert.Contains(arm, model, StringComparison.Ordinal);
        // The add broadcasts a 4-vector over 16 elements: CMSIS-NN's add cannot, so ours runs it.
        Assert.DoesNotContain("arm_elementwise_add_s8(", model, StringComparison.Ordinal);
        var kernels = project.Files.Select(f => f.RelativePath).Where(p => p.StartsWith("kernels/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["kernels/tg_clamp_s8.c", "kernels/tg_concat_s8.c", "kernels/tg_convert_u8_s8.c", "kernels/tg_elementwise_add_s8.c",
                      "kernels/tg_requantize_s8.c", "kernels/tg_transpose_s8.c"], kernels);
        // One scratch buffer, as large as the largest need: the Helium depthwise block of a 3x3 window.
        Assert.Contains($"tg_all_kernels_scratch[{4 * 124 * 9}u]", model, StringComparison.Ordinal);
    }

    [Fact]
    public void TinyGen_kernels_are_the_default_and_mention_no_cmsis_nn()
    {
        var model = EmitAllKernels(EmitOptions.Default.Kernels)["all_kernels.c"].Content;

        Assert.Equal(KernelLibrary.TinyGen, new CompileOptions().Kernels);
        Assert.DoesNotContain("arm_", model, StringComparison.Ordinal);
        Assert.DoesNotContain("_scratch", model, StringComparison.Ordinal);
    }

    [Fact]
    public void Elementwise_calls_go_to_cmsis_nn_only_without_broadcasting()
    {
        var calls = EmitAllKernels(KernelLibrary.TinyGen).Calls;
        var add = calls.OfType<ElementwiseAddCall>().Single();
        var mul = calls.OfType<ElementwiseMulCall>().Single();

        Assert.False(CmsisNnCalls.Supports(add));
        Assert.True(CmsisNnCalls.Supports(add with { Input2Length = add.BlockSize }));
        Assert.True(CmsisNnCalls.Supports(mul));
        Assert.False(CmsisNnCalls.Supports(mul with { Input2Length = 1 }));
        Assert.False(CmsisNnCalls.Supports(calls.OfType<TransposeCall>().First()));
    }

    [Fact]
    public void Scratch_bounds_cover_every_cmsis_nn_variant()
    {
        var relu = new TgActivation(-128, 127);
        var one = new TgTile(1, 1);
        ImmutableArray<QuantizedMultiplier> none = [];

        // 3x3 conv over 3 channels: 27 taps. DSP im2col 2 x 28 x int16 = 112, Helium 4 x 32 = 128,
        // Helium 1xN row (3 + 1 + 1) x 3 = 15, 1x1 2 x 3 x int16 = 12.
        var conv = new ConvolveCall(null!, "x", "w", null, "y", 0, 0, one, one, one, relu, none,
            new TgDims(1, 8, 8, 3), new TgDims(16, 3, 3, 3), new TgDims(1, 1, 1, 16), new TgDims(1, 8, 8, 16));
        Assert.Equal(128, CmsisNnScratch.BytesFor(conv));
        // 1x1 over 64 channels: DSP 2 x 64 x int16 = 256 is the largest.
        Assert.Equal(256, CmsisNnScratch.BytesFor(conv with { InputDims = new TgDims(1, 8, 8, 64), FilterDims = new TgDims(16, 1, 1, 64), Padding = new TgTile(0, 0) }));

        // Depthwise 3x3 over 200 channels: DSP 200 x 9 x int16 = 3600 < Helium 4 x 124 x 9 = 4464;
        // over 400 channels DSP needs 7200.
        var dw = new DepthwiseConvCall(null!, "x", "w", null, "y", 0, 0, 1, one, one, one, relu, none,
            new TgDims(1, 8, 8, 200), new TgDims(1, 3, 3, 200), new TgDims(1, 1, 1, 200), new TgDims(1, 8, 8, 200));
        Assert.Equal(4464, CmsisNnScratch.BytesFor(dw));
        Assert.Equal(7200, CmsisNnScratch.BytesFor(dw with { InputDims = new TgDims(1, 8, 8, 400), OutputDims = new TgDims(1, 8, 8, 400) }));

        var fc = new FullyConnectedCall(null!, "x", "w", null, "y", 0, 0, 0, relu, none, false,
            new TgDims(1, 1, 1, 64), new TgDims(64, 1, 1, 10), new TgDims(1, 1, 1, 10), new TgDims(1, 1, 1, 10));
        Assert.Equal(40, CmsisNnScratch.BytesFor(fc));

        var avg = new PoolCall(null!, Ir.PoolKind.Average, "x", "y", one, one, relu, new TgDims(1, 8, 8, 16), new TgDims(1, 2, 2, 1), new TgDims(1, 4, 4, 16));
        Assert.Equal(64, CmsisNnScratch.BytesFor(avg));
        Assert.Equal(0, CmsisNnScratch.BytesFor(avg with { Pool = Ir.PoolKind.Max }));
    }

    [Fact]
    public void A_folder_that_is_not_a_checkout_is_refused_by_name()
    {
        using var folder = new TempFolder();

        var e = Assert.Throws<TinyGenException>(() => CmsisNnLibrary.At(folder.Path));

        Assert.Contains("CMSIS_NN_ROOT", e.Message, StringComparison.Ordinal);
        Assert.Contains("arm_nnfunctions.h", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_int8_sources_are_built()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "Include"));
        File.WriteAllText(Path.Combine(folder.Path, "Include", "arm_nnfunctions.h"), "");
        var files = new[]
        {
            "ConvolutionFunctions/arm_convolve_s8.c", "ConvolutionFunctions/arm_nn_mat_mult_kernel_s8_s16.c",
            "ConvolutionFunctions/arm_convolve_s16.c", "ConvolutionFunctions/arm_convolve_s4.c",
            "FullyConnectedFunctions/arm_fully_connected_f32.c", "NNSupportFunctions/arm_nn_lstm_step_s8.c",
            "NNSupportFunctions/arm_nntables_flt.c", "NNSupportFunctions/arm_nntables.c", "SVDFunctions/arm_svdf_s8.c",
            "ActivationFunctions/arm_relu_q7.c",
        };
        foreach (var f in files)
        {
            var path = Path.Combine(folder.Path, "Source", f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }

        var sources = CmsisNnLibrary.At(folder.Path).Sources().Select(s => Path.GetRelativePath(Path.Combine(folder.Path, "Source"), s).Replace('\\', '/'));

        Assert.Equal(["ConvolutionFunctions/arm_convolve_s8.c", "ConvolutionFunctions/arm_nn_mat_mult_kernel_s8_s16.c", "NNSupportFunctions/arm_nntables.c"], sources);
    }
}
