using TinyGen.Frontends.Onnx.Building;

namespace TinyGen.Fuzzing;

/// <summary>ONNX (protobuf): synthetic seeds in both quantized forms, the shared real ONNX models, wire and schema mutators.</summary>
public sealed class OnnxFormat : IModelFormat
{
    /// <summary>Real models below the models folder worth fuzzing: quantized ones TinyGen compiles (a fuzzed float model is rejected at once).</summary>
    public static readonly IReadOnlyList<string> RealModels =
    [
        "mlperf-tiny/kws/kws_ref_model_qdq.onnx",
        "mlperf-tiny/ad/ad01_int8.onnx",
        "micro-kws/micro_kws_m_static_qdq.onnx",
        "micro-kws/micro_kws_m_static_qoperator.onnx",
    ];

    public string Name => "onnx";
    public string Extension => ".onnx";
    public IReadOnlyList<Mutator> Mutators { get; } = [.. ProtobufMutators.All, .. OnnxMutators.All];

    public IEnumerable<FuzzSeed> Seeds(string? modelsDir)
    {
        foreach (var form in new[] { QuantOptions.Qdq, QuantOptions.QOperator })
        {
            var f = form.Form == QuantForm.Qdq ? "qdq" : "qop";
            yield return Seed($"tiny-cnn-{f}", ExampleModels.TinyCnnModel(1, form));
            yield return Seed($"mlp-{f}", ExampleModels.MlpModel(1, form));
            yield return Seed($"residual-{f}", QuantizedOpModels.ResidualAdd([1, 3, 6, 6], 2, form));
            yield return Seed($"conv-pool-fc-{f}", QuantizedOpModels.ConvPoolFullyConnected([1, 2, 8, 8], 4, 5, 3, form));
            yield return Seed($"depthwise-{f}", QuantizedOpModels.Conv(ConvSpec.Depthwise([1, 4, 7, 7], 2) with { Pads = Padding2D.SameUpper }, form));
            yield return Seed($"avgpool-{f}", QuantizedOpModels.Pool(new PoolSpec(PoolKind.Average, [1, 3, 8, 8]) { Kernel = (3, 3), Stride = (2, 2) }, form));
            yield return Seed($"softmax-{f}", QuantizedOpModels.Softmax(new SoftmaxSpec([1, 10]), form));
            yield return Seed($"concat-{f}", QuantizedOpModels.Concat(new ConcatSpec([[1, 2, 4, 4], [1, 3, 4, 4]]), form));
            yield return Seed($"transpose-{f}", QuantizedOpModels.Transpose(new TransposeSpec([1, 2, 3, 4], [0, 2, 3, 1]), form));
            yield return Seed($"mul-{f}", QuantizedOpModels.Binary(BinarySpec.PerChannel(BinaryOp.Mul, [1, 3, 4, 4]), form));
        }
        yield return Seed("ds-cnn-qdq", ExampleModels.DsCnnModel(1));

        if (modelsDir is null || !Directory.Exists(modelsDir)) yield break;
        foreach (var relative in RealModels)
        {
            var path = Path.Combine(modelsDir, relative);
            if (File.Exists(path)) yield return new FuzzSeed(relative, this, File.ReadAllBytes(path));
        }
    }

    private FuzzSeed Seed(string name, GeneratedModel model) => new(name, this, model.Onnx);
}
