namespace TinyGen.Fuzzing;

/// <summary>TFLite (FlatBuffers): the shared int8 MLPerf Tiny models as seeds (no synthetic TFLite writer exists), FlatBuffer-aware mutators.</summary>
public sealed class TfliteFormat : IModelFormat
{
    public static readonly IReadOnlyList<string> RealModels =
    [
        "mlperf-tiny/kws/kws_ref_model.tflite",
        "mlperf-tiny/ad/ad01_int8.tflite",
        "mlperf-tiny/vww/vww_96_int8.tflite",
        "mlperf-tiny/ic/pretrainedResnet_quant.tflite",
    ];

    public string Name => "tflite";
    public string Extension => ".tflite";
    public IReadOnlyList<Mutator> Mutators => FlatBufferMutators.All;

    public IEnumerable<FuzzSeed> Seeds(string? modelsDir)
    {
        if (modelsDir is null || !Directory.Exists(modelsDir)) yield break;
        foreach (var relative in RealModels)
        {
            var path = Path.Combine(modelsDir, relative);
            if (File.Exists(path)) yield return new FuzzSeed(relative, this, File.ReadAllBytes(path));
        }
    }
}
