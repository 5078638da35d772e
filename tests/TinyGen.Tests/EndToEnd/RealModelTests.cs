using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// The shared real models (see PROVENANCE.md in the models folder) compiled for every board, built
/// and run in QEMU: firmware outputs must equal the reference interpreter's bit for bit. The MLPerf
/// KWS model runs on its shipped sample, which upstream classifies as class 5 ("on"); the others on
/// seeded inputs (no test vectors exist upstream for them).
/// </summary>
public sealed class RealModelTests(ITestOutputHelper output)
{
    public static readonly string[] Boards = ["mps2-an385", "mps2-an386", "mps2-an500", "mps2-an505", "mps3-an547"];

    public static readonly string[] SeededModels =
    [
        "micro-kws/micro_kws_m_static_qdq.onnx",
        "micro-kws/micro_kws_m_static_qoperator.onnx",
        "mlperf-tiny/ad/ad01_int8.onnx",
    ];

    private const string KwsModel = "mlperf-tiny/kws/kws_ref_model_qdq.onnx";
    private const string KwsSample = "mlperf-tiny/kws/sample_input_int8.bin";

    public static TheoryData<string, string> SeededModelsOnEveryBoard()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in SeededModels)
            foreach (var board in Boards)
                data.Add(model, board);
        return data;
    }

    public static TheoryData<string> EveryBoard() => new(Boards);

    [RequiresFirmwareTheory("micro-kws")]
    [MemberData(nameof(SeededModelsOnEveryBoard))]
    public void Firmware_equals_reference_on_a_seeded_input(string model, string board)
    {
        var path = TestPaths.ModelPath(model.Split('/'));
        Assert.True(File.Exists(path), $"{path} is missing from the models folder");

        var result = FirmwareCheck.VerifyFile(path, board, output, inputFile: null, seed: 7);

        Assert.True(result.Instructions > 1000, $"{result.Instructions} instructions is too few for a real network");
    }

    [RequiresFirmwareTheory(KwsModel)]
    [MemberData(nameof(EveryBoard))]
    public void Kws_firmware_equals_reference_and_classifies_the_sample_as_on(string board)
    {
        var result = FirmwareCheck.VerifyFile(TestPaths.ModelPath(KwsModel.Split('/')), board, output,
            inputFile: TestPaths.ModelPath(KwsSample.Split('/')), seed: 1);

        var scores = result.Firmware.Single().ToInt8();
        output.WriteLine("scores: " + string.Join(", ", scores));
        Assert.Equal(12, scores.Length);
        Assert.Equal(5, Array.IndexOf(scores, scores.Max()));
    }
}
