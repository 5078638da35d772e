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
        // CMSIS-NN's working memory is planned in the arena at the step of the call that needs it, so the
        // arena TinyGen reports is all the RAM: on this Cortex-M4 the 3x3 depthwise gets the DSP kernel's
        // int16 window over all channels.
        var (depthwise, depthwiseStep) = project.Calls.Select((c, i) => (c, i)).Single(x => x.c is CmsisNnCall { Regular: DepthwiseConvCall });
        var scratch = project.Plan.ScratchAt(depthwiseStep);
        Assert.NotNull(scratch);
        Assert.Equal(((DepthwiseConvCall)((CmsisNnCall)depthwise).Regular).InputDims.C * 3 * 3 * 2, scratch.Size);
        Assert.True(scratch.Offset + scratch.Size <= project.Plan.TotalBytes);
        Assert.Contains($"const cmsis_nn_context ctx = {{ tg_all_kernels_arena + {scratch.Offset}, scratch_bytes }};", model, StringComparison.Ordinal);
        Assert.DoesNotContain("_scratch[", model, StringComparison.Ordinal);
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

        Assert.False(CmsisNnCall.Supports(add));
        Assert.True(CmsisNnCall.Supports(add with { Input2Length = add.BlockSize }));
        Assert.True(CmsisNnCall.Supports(mul));
        Assert.False(CmsisNnCall.Supports(mul with { Input2Length = 1 }));
        Assert.False(CmsisNnCall.Supports(calls.OfType<TransposeCall>().First()));
    }

    [Fact]
    public void Scratch_bounds_follow_the_variant_cmsis_nn_runs_on_each_core()
    {
        var relu = new TgActivation(-128, 127);
        var one = new TgTile(1, 1);
        ImmutableArray<QuantizedMultiplier> none = [];
        var plain = new TargetCore("cortex-m3", Dsp: false, Mve: false);
        var dsp = new TargetCore("cortex-m4", Dsp: true, Mve: false);
        var helium = new TargetCore("cortex-m55", Dsp: true, Mve: true);

        // 3x3 conv over 3 channels: 27 taps. Plain and DSP im2col 2 x 28 x int16 = 112; Helium 4 x 32 = 128
        // (its 1xN row (3 + 1 + 1) x 3 = 15 is smaller).
        var conv = new ConvolveCall(null!, "x", "w", null, "y", 0, 0, one, one, one, relu, none,
            new TgDims(1, 8, 8, 3), new TgDims(16, 3, 3, 3), new TgDims(1, 1, 1, 16), new TgDims(1, 8, 8, 16));
        Assert.Equal(112, CmsisNnScratch.BytesFor(conv, plain));
        Assert.Equal(112, CmsisNnScratch.BytesFor(conv, dsp));
        Assert.Equal(128, CmsisNnScratch.BytesFor(conv, helium));
        // 1x1 over 64 channels: 2 x 64 x int16 = 256 everywhere but Helium (4 x 64 = 256 too).
        var pointwise = conv with { InputDims = new TgDims(1, 8, 8, 64), FilterDims = new TgDims(16, 1, 1, 64), Padding = new TgTile(0, 0) };
        Assert.Equal(256, CmsisNnScratch.BytesFor(pointwise, dsp));
        Assert.Equal(256, CmsisNnScratch.BytesFor(pointwise, helium));

        // Depthwise 3x3 over 200 channels: none in plain C, DSP 200 x 9 x int16 = 3600, Helium 4 x 124 x 9 = 4464.
        var dw = new DepthwiseConvCall(null!, "x", "w", null, "y", 0, 0, 1, one, one, one, relu, none,
            new TgDims(1, 8, 8, 200), new TgDims(1, 3, 3, 200), new TgDims(1, 1, 1, 200), new TgDims(1, 8, 8, 200));
        Assert.Equal(0, CmsisNnScratch.BytesFor(dw, plain));
        Assert.Equal(3600, CmsisNnScratch.BytesFor(dw, dsp));
        Assert.Equal(4464, CmsisNnScratch.BytesFor(dw, helium));
        // One input channel to 1000 on Helium: run as a convolution, im2col 4 x 16 plus the 9 x 1000 filter copy.
        Assert.Equal(64 + 9000, CmsisNnScratch.BytesFor(dw with { InputDims = new TgDims(1, 8, 8, 1), OutputDims = new TgDims(1, 8, 8, 1000) }, helium));

        // Helium FC: one int32 per output; the others none.
        var fc = new FullyConnectedCall(null!, "x", "w", null, "y", 0, 0, 0, relu, none, false,
            new TgDims(1, 1, 1, 64), new TgDims(64, 1, 1, 10), new TgDims(1, 1, 1, 10), new TgDims(1, 1, 1, 10));
        Assert.Equal(40, CmsisNnScratch.BytesFor(fc, helium));
        Assert.Equal(0, CmsisNnScratch.BytesFor(fc, dsp));

        // DSP average pool: one int32 per channel; Helium and plain C none; max pool never.
        var avg = new PoolCall(null!, Ir.PoolKind.Average, "x", "y", one, one, relu, new TgDims(1, 8, 8, 16), new TgDims(1, 2, 2, 1), new TgDims(1, 4, 4, 16));
        Assert.Equal(64, CmsisNnScratch.BytesFor(avg, dsp));
        Assert.Equal(0, CmsisNnScratch.BytesFor(avg, helium));
        Assert.Equal(0, CmsisNnScratch.BytesFor(avg, plain));
        Assert.Equal(0, CmsisNnScratch.BytesFor(avg with { Pool = Ir.PoolKind.Max }, dsp));
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
