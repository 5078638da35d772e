using TinyGen.Frontends.Tflite;
using TinyGen.Frontends.Tflite.Building;
using TinyGen.Ir;
using TinyGen.Reference;
using TinyGen.Tests.EndToEnd;
using TinyGen.Tests.Support;
using Xunit.Abstractions;
using static TinyGen.Frontends.Tflite.Building.TfliteOptionTables;

namespace TinyGen.Tests.Frontends.Tflite;

/// <summary>
/// The ops whose TFLite meaning TinyGen takes from TFLite Micro's int8 kernels (PAD that cannot
/// fold, HARD_SWISH, LOGISTIC, SUB, MEAN), imported from a built TFLite graph: values worked by
/// hand where the real result is exact, and the firmware in QEMU equal to the reference.
/// </summary>
public sealed class TfliteTflmOpsTests(ITestOutputHelper output)
{
    /// <summary>x → PAD (H, W by 1) → [HARD_SWISH, LOGISTIC] → SUB → MEAN over H, W (keep dims).</summary>
    private static byte[] Chain()
    {
        var b = new TfliteModelBuilder();
        var x = b.Int8("x", [1, 4, 4, 8], 0.05f, -3);
        var padded = b.Int8("padded", [1, 6, 6, 8], 0.05f, -3);
        b.AddOperator(BuiltinOperator.Pad, [x, b.Int32Constant("paddings", [4, 2], [0, 0, 1, 1, 1, 1, 0, 0])], [padded], BuiltinOptionsType.Pad, Empty());
        var swish = b.Int8("swish", [1, 6, 6, 8], 0.04f, -20);
        b.AddOperator(BuiltinOperator.HardSwish, [padded], [swish], BuiltinOptionsType.HardSwish, Empty());
        var logistic = b.Int8("logistic", [1, 6, 6, 8], 1f / 256, -128);
        b.AddOperator(BuiltinOperator.Logistic, [padded], [logistic]);
        var difference = b.Int8("difference", [1, 6, 6, 8], 0.05f, 0);
        b.AddOperator(BuiltinOperator.Sub, [swish, logistic], [difference], BuiltinOptionsType.Sub, ElementwiseArithmetic());
        var mean = b.Int8("mean", [1, 1, 1, 8], 0.02f, 1);
        b.AddOperator(BuiltinOperator.Mean, [difference, b.Int32Constant("axes", [2], [1, 2])], [mean], BuiltinOptionsType.Reducer, Reducer(keepDims: true));
        return b.Inputs(x).Outputs(mean).Build();
    }

    [Fact]
    public void A_zero_input_gives_the_values_worked_by_hand()
    {
        // real 0 everywhere (also the padding): hard_swish(0) = 0, logistic(0) = 0.5 (q 0 at scale 1/256,
        // zero point -128), 0 - 0.5 = -0.5 (q -10 at 0.05), mean -0.5 → q = -0.5 / 0.02 + 1 = -24
        var graph = Compiler.Lower(TfliteImporter.Import(Chain(), "chain"));
        var zeros = Enumerable.Repeat((sbyte)-3, 128).ToArray();

        var trace = Interpreter.RunWithTrace(graph, [TensorData.FromInt8(zeros)]);

        Assert.All(trace["swish"].ToInt8(), v => Assert.Equal(-20, v));
        Assert.All(trace["logistic"].ToInt8(), v => Assert.Equal(0, v));
        Assert.All(trace["difference"].ToInt8(), v => Assert.Equal(-10, v));
        Assert.All(trace["mean"].ToInt8(), v => Assert.Equal(-24, v));
    }

    [RequiresFirmwareFact]
    public void The_chain_runs_bit_exact_in_qemu()
    {
        var folder = Directory.CreateTempSubdirectory("tinygen-tflite-tflm-ops-").FullName;
        try
        {
            var path = Path.Combine(folder, "chain.tflite");
            File.WriteAllBytes(path, Chain());
            var result = FirmwareCheck.VerifyFile(path, "mps2-an386", output, inputFile: null, seed: 9, Path.Combine(folder, "build"));
            Assert.True(FirmwareCheck.Distinct(result.Reference.Single()) > 1, "a constant output proves little");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
