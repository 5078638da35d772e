using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Bench.MlperfTiny;

/// <summary>
/// Turns a shared sample file into the raw bytes of the model's first input in its own element
/// type (what `tinygen run --input` takes). Samples that hold several inputs (VWW has two images,
/// AD a whole spectrogram) give their first input-sized slice.
/// </summary>
public static class SampleInput
{
    public static byte[] Prepare(Tensor input, byte[] sample, SampleEncoding encoding)
    {
        var count = checked((int)input.ElementCount);
        return (encoding, input.Type) switch
        {
            (SampleEncoding.Int8, ElementType.Int8) or (SampleEncoding.UInt8, ElementType.UInt8) => Slice(sample, count, 1),
            (SampleEncoding.UInt8, ElementType.Int8) => Slice(sample, count, 1).Select(b => (byte)(sbyte)(b - 128)).ToArray(),
            (SampleEncoding.Float32, ElementType.Float32) => Slice(sample, count, 4),
            (SampleEncoding.Float32, ElementType.Int8) => Quantize(Floats(Slice(sample, count, 4)), input.RequireQuantization("sample input")),
            _ => throw new TinyGenException($"sample of {encoding} cannot feed input '{input.Name}' of {input.Type.DisplayName()}"),
        };
    }

    private static byte[] Slice(byte[] sample, int count, int elementBytes)
    {
        var bytes = count * elementBytes;
        if (sample.Length < bytes) throw new TinyGenException($"sample has {sample.Length} bytes; the input needs {bytes}");
        return sample[..bytes];
    }

    private static float[] Floats(byte[] bytes)
    {
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats;
    }

    /// <summary>TFLite's QUANTIZE: round half away from zero, then saturate.</summary>
    private static byte[] Quantize(float[] values, Quantization q) =>
        values.Select(v => (byte)(sbyte)Math.Clamp(Math.Round(v / q.Scale, MidpointRounding.AwayFromZero) + q.ZeroPoint, -128, 127)).ToArray();
}
