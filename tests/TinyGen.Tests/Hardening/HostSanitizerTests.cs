using TinyGen.Run;
using TinyGen.Tests.EndToEnd;
using TinyGen.Tests.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.Hardening;

/// <summary>
/// The generated C, the kernels and the harness built for this machine with AddressSanitizer and UBSan
/// (-fno-sanitize-recover: the first report ends the run and fails it): the real models and every kernel
/// case must run clean and give exactly the reference interpreter's outputs. Cheaper than QEMU, and it
/// sees out-of-bounds reads and overflows that an emulated Cortex-M executes without complaint.
/// </summary>
public sealed class HostSanitizerTests(ITestOutputHelper output)
{
    public static TheoryData<string> RealModels => new(
        "mlperf-tiny/kws/kws_ref_model_qdq.onnx",
        "micro-kws/micro_kws_m_static_qdq.onnx",
        "mlperf-tiny/ad/ad01_int8.onnx",
        "mlperf-tiny/kws/kws_ref_model.tflite",
        "mlperf-tiny/ad/ad01_int8.tflite",
        "mlperf-tiny/vww/vww_96_int8.tflite",
        "mlperf-tiny/ic/pretrainedResnet_quant.tflite");

    public static TheoryData<string> KernelCaseNames => KernelCases.Names("");

    [Fact]
    public void Host_builds_stop_at_the_first_sanitizer_report()
    {
        Assert.Contains("-fsanitize=address,undefined", HostRunner.HostFlags);
        Assert.Contains("-fno-sanitize-recover=all", HostRunner.HostFlags);
    }

    [HostToolsTheory("mlperf-tiny")]
    [MemberData(nameof(RealModels))]
    public void Real_model_runs_sanitizer_clean_and_equals_the_reference(string model)
    {
        var path = TestPaths.ModelPath(model.Split('/'));
        Assert.True(File.Exists(path), $"{path} is missing from the shared models");
        foreach (var seed in new[] { 1, 2 })
        {
            var result = ModelVerification.RunOnHost(path, new CompileOptions(), seed: seed);
            output.WriteLine($"{model}, input seed {seed}:");
            FirmwareCheck.AssertBitExact(result, output);
        }
    }

    [HostToolsTheory]
    [MemberData(nameof(KernelCaseNames))]
    public void Kernel_case_runs_sanitizer_clean_and_equals_the_reference(string name)
    {
        var folder = Directory.CreateTempSubdirectory("tinygen-host-case-").FullName;
        try
        {
            var path = Path.Combine(folder, "model.onnx");
            File.WriteAllBytes(path, KernelCases.All[name].Build().Onnx);
            FirmwareCheck.AssertBitExact(ModelVerification.RunOnHost(path, new CompileOptions { Board = KernelCases.All[name].Board }, workFolder: Path.Combine(folder, "work")), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
