namespace TinyGen.Bench.MlperfTiny;

/// <summary>How a shared sample file's bytes become the model's first input.</summary>
public enum SampleEncoding
{
    /// <summary>Already the model's int8 codes.</summary>
    Int8,
    /// <summary>uint8 pixels; the int8 model's input is value - 128 (scale 1, zero point -128).</summary>
    UInt8,
    /// <summary>float32 values, quantized with the model's input scale and zero point as TFLite does.</summary>
    Float32,
}

/// <summary>
/// One MLPerf Tiny reference model, its sample input and the yardstick: TFLite Micro with CMSIS-NN
/// kernels on mps2-an386 (figures from the fast-kernels issue, measured with TFLM's own Makefile build).
/// </summary>
public sealed record BenchModel(string Name, string ModelFile, string SampleFile, SampleEncoding Sample, long TflmInstructions, long TflmArenaBytes)
{
    public static IReadOnlyList<BenchModel> All { get; } =
    [
        new("KWS DS-CNN", "kws/kws_ref_model.tflite", "kws/sample_input_int8.bin", SampleEncoding.Int8, 7_700_102, 22_820),
        new("VWW MobileNetV1-0.25", "vww/vww_96_int8.tflite", "vww/sample_inputs_2x_float32.bin", SampleEncoding.Float32, 24_102_379, 100_708),
        new("IC ResNet-8", "ic/pretrainedResnet_quant.tflite", "ic/sample_input_uint8.bin", SampleEncoding.UInt8, 29_863_590, 54_996),
        new("AD autoencoder", "ad/ad01_int8.tflite", "ad/sample_input_float32.bin", SampleEncoding.Float32, 583_182, 2_580),
    ];

    /// <summary>The same networks as ONNX (QDQ), where upstream has them: the spine's path, for comparison.</summary>
    public static IReadOnlyList<BenchModel> OnnxTwins { get; } =
    [
        new("KWS DS-CNN (ONNX QDQ)", "kws/kws_ref_model_qdq.onnx", "kws/sample_input_int8.bin", SampleEncoding.Int8, 7_700_102, 22_820),
        new("AD autoencoder (ONNX QDQ)", "ad/ad01_int8.onnx", "ad/sample_input_float32.bin", SampleEncoding.Float32, 583_182, 2_580),
    ];
}
