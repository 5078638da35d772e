using TinyGen.Emit;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// --kernels cmsis-nn: the same single-op models and real networks, emitted as calls into Arm's CMSIS-NN
/// (built from the checkout CMSIS_NN_ROOT names) and run in QEMU on M3 (plain C), M4 (DSP) and M55
/// (Helium) boards. Their outputs must equal the reference interpreter's byte for byte, which the
/// TinyGen-kernel suites hold TinyGen's own kernels to, so both kernel libraries compute the same
/// integers; one network is also compared with a TinyGen-kernel run directly. Skipped without a checkout.
/// </summary>
public sealed class CmsisNnBitExactnessTests(ITestOutputHelper output)
{
    /// <summary>The op families CMSIS-NN has kernels for, plus the chains that mix them with ours.</summary>
    private static readonly string[] Families = ["conv", "depthwise", "fc", "binary", "pool", "globalavgpool", "softmax", "chain"];

    private const string KwsModel = "mlperf-tiny/kws/kws_ref_model_qdq.onnx";
    private const string KwsSample = "mlperf-tiny/kws/sample_input_int8.bin";
    private const string AdModel = "mlperf-tiny/ad/ad01_int8.onnx";

    public static TheoryData<string> Cases =>
        new(KernelCases.All.Keys.Where(n => Families.Any(f => n.StartsWith(f, StringComparison.Ordinal))).Order(StringComparer.Ordinal));

    public static TheoryData<string> CoreBoards => new("mps2-an385", "mps2-an386", "mps3-an547");

    [RequiresCmsisNnTheory]
    [MemberData(nameof(Cases))]
    public void Single_op_models_on_cmsis_nn_equal_the_reference(string name)
    {
        var kernelCase = KernelCases.All[name];
        output.WriteLine(name);
        FirmwareCheck.Verify(kernelCase.Build(), name, kernelCase.Board, output, KernelBitExactnessTests.StableSeed(name), kernels: KernelLibrary.CmsisNn);
    }

    [RequiresCmsisNnTheory(KwsModel)]
    [MemberData(nameof(CoreBoards))]
    public void Kws_on_cmsis_nn_equals_the_reference_and_classifies_the_sample_as_on(string board)
    {
        var result = FirmwareCheck.VerifyFile(TestPaths.ModelPath(KwsModel.Split('/')), board, output,
            TestPaths.ModelPath(KwsSample.Split('/')), seed: 1, kernels: KernelLibrary.CmsisNn);

        Assert.Contains("arm_depthwise_conv_wrapper_s8(", result.Compilation.Project["kws_ref_model_qdq.c"].Content, StringComparison.Ordinal);
        var scores = result.Firmware.Single().ToInt8();
        Assert.Equal(5, Array.IndexOf(scores, scores.Max()));
    }

    [RequiresCmsisNnTheory(AdModel)]
    [MemberData(nameof(CoreBoards))]
    public void Ad_on_cmsis_nn_equals_the_reference(string board)
    {
        var result = FirmwareCheck.VerifyFile(TestPaths.ModelPath(AdModel.Split('/')), board, output, inputFile: null, seed: 7, kernels: KernelLibrary.CmsisNn);

        Assert.Contains("arm_fully_connected_s8(", result.Compilation.Project["ad01_int8.c"].Content, StringComparison.Ordinal);
    }

    [RequiresCmsisNnFact(KwsModel)]
    public void Kws_outputs_are_the_same_bytes_with_either_kernel_library()
    {
        var path = TestPaths.ModelPath(KwsModel.Split('/'));
        var ours = FirmwareCheck.VerifyFile(path, "mps2-an386", output, inputFile: null, seed: 3);
        var arms = FirmwareCheck.VerifyFile(path, "mps2-an386", output, inputFile: null, seed: 3, kernels: KernelLibrary.CmsisNn);

        Assert.Equal(ours.Firmware.Single().Bytes.ToArray(), arms.Firmware.Single().Bytes.ToArray());
        output.WriteLine($"instructions: TinyGen kernels {ours.Instructions:N0}, CMSIS-NN {arms.Instructions:N0}");
    }
}
