using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.Oracles;

/// <summary>
/// Proves the onnxruntime oracle itself: on ONNX's own node tests its outputs must equal the outputs
/// stored upstream byte for byte, and on a real model it must reproduce the classification stated in
/// the models' provenance notes.
/// </summary>
public sealed class OnnxRuntimeOracleTests(ITestOutputHelper output)
{
    private const string NodeTests = "onnx-node-tests";

    // Node tests with fixed-width numeric tensors whose stored outputs onnxruntime 1.30 reproduces
    // (INDEX.md in the models folder); integer outputs and float outputs of exact arithmetic alike.
    public static TheoryData<string> ExactNodeTests =>
    [
        "test_qlinearconv",
        "test_quantizelinear",
        "test_quantizelinear_axis",
        "test_quantizelinear_int16",
        "test_dequantizelinear",
        "test_dequantizelinear_axis",
        "test_qlinearmatmul_2D_int8_float32",
        "test_qlinearmatmul_3D_uint8_float32",
        "test_qlinearmatmul_2D_int8_float16",
        "test_matmulinteger",
        "test_convinteger_without_padding",
        "test_add_int8",
    ];

    [RequiresOnnxRuntimeTheory(NodeTests)]
    [MemberData(nameof(ExactNodeTests))]
    public void Outputs_equal_the_stored_node_test_outputs_with_optimizations_disabled(string test) =>
        AssertReproducesNodeTest(test, "disabled");

    [RequiresOnnxRuntimeTheory(NodeTests)]
    [InlineData("test_qlinearconv")]
    [InlineData("test_quantizelinear")]
    [InlineData("test_qlinearmatmul_3D_uint8_float32")]
    public void Outputs_equal_the_stored_node_test_outputs_with_all_optimizations(string test) =>
        AssertReproducesNodeTest(test, "all");

    [RequiresOnnxRuntimeFact(NodeTests + "/test_qlinearconv")]
    public void Model_given_as_bytes_runs_like_model_given_as_path()
    {
        var dir = TestPaths.ModelPath(NodeTests, "test_qlinearconv");
        var (inputs, expected) = LoadDataSet(dir);

        var actual = OnnxRuntimeOracle.Run(File.ReadAllBytes(Path.Combine(dir, "model.onnx")), inputs);

        Assert.Equal(expected[0].ToUInt8(), Assert.Single(actual).ToUInt8());
    }

    [RequiresOnnxRuntimeTheory("mlperf-tiny/kws/kws_ref_model_qdq.onnx")]
    [InlineData("disabled")]
    [InlineData("all")]
    public void Keyword_spotting_sample_is_classified_as_on(string optimization)
    {
        // PROVENANCE.md: both int8 KWS models classify the shipped sample as class 5 ("on").
        var sample = File.ReadAllBytes(TestPaths.ModelPath("mlperf-tiny", "kws", "sample_input_int8.bin"));
        var input = OracleTensor.FromInt8(
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(sample), [1, 49, 10, 1]);

        var scores = Assert.Single(OnnxRuntimeOracle.Run(
            TestPaths.ModelPath("mlperf-tiny", "kws", "kws_ref_model_qdq.onnx"), [input], optimization));

        Assert.Equal("int8", scores.Type);
        Assert.Equal([1, 12], scores.Dims);
        var values = scores.ToInt8();
        Assert.Equal(5, Array.IndexOf(values, values.Max()));
    }

    [RequiresOnnxRuntimeFact]
    public void A_model_onnxruntime_rejects_raises_an_error_carrying_its_message()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => OnnxRuntimeOracle.Run("not a model"u8.ToArray(), []));

        Assert.Contains("onnxruntime failed", error.Message);
    }

    [RequiresOnnxRuntimeFact(NodeTests + "/test_quantizelinear")]
    public void A_wrong_input_count_is_reported_as_a_bad_request()
    {
        var model = TestPaths.ModelPath(NodeTests, "test_quantizelinear", "model.onnx");

        var error = Assert.Throws<InvalidOperationException>(
            () => OnnxRuntimeOracle.Run(model, [OracleTensor.FromFloat32([1f], [1])]));

        Assert.Contains("bad request", error.Message);
        Assert.Contains("3 input(s)", error.Message);
    }

    private void AssertReproducesNodeTest(string test, string optimization)
    {
        var dir = TestPaths.ModelPath(NodeTests, test);
        var (inputs, expected) = LoadDataSet(dir);

        var actual = OnnxRuntimeOracle.Run(Path.Combine(dir, "model.onnx"), inputs, optimization);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            output.WriteLine($"{test} output {i}: expected {expected[i]}, got {actual[i]}");
            Assert.Equal(expected[i].Type, actual[i].Type);
            Assert.Equal(expected[i].Dims, actual[i].Dims);
            Assert.Equal(expected[i].Data, actual[i].Data);
        }
    }

    private static (List<OracleTensor> Inputs, List<OracleTensor> Outputs) LoadDataSet(string testDir)
    {
        var dataSet = Path.Combine(testDir, "test_data_set_0");
        return (ReadNumbered(dataSet, "input"), ReadNumbered(dataSet, "output"));
    }

    private static List<OracleTensor> ReadNumbered(string dataSet, string prefix) =>
        Enumerable.Range(0, int.MaxValue)
            .Select(i => Path.Combine(dataSet, $"{prefix}_{i}.pb"))
            .TakeWhile(File.Exists)
            .Select(TensorProtoFile.Read)
            // Node test files name tensors after the graph's inputs; drop names so inputs bind by position
            // (some tests store names that differ from the graph's).
            .Select(t => t with { Name = null })
            .ToList();
}
