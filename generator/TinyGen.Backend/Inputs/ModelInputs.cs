using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Inputs;

/// <summary>
/// The data fed to a model's inputs: from a file (raw little-endian bytes of the first input in
/// its own element type, as the shared sample inputs are) or generated from a seed, so a run
/// without --input is still reproducible.
/// </summary>
public static class ModelInputs
{
    public static IReadOnlyList<TensorData> Create(Graph lowered, string? firstInputFile, int seed = 1)
    {
        var inputs = new List<TensorData>();
        for (var i = 0; i < lowered.Inputs.Length; i++)
        {
            var tensor = lowered[lowered.Inputs[i]];
            inputs.Add(i == 0 && firstInputFile is not null ? FromFile(tensor, firstInputFile) : Random(lowered, tensor, seed + i));
        }
        return inputs;
    }

    public static TensorData FromFile(Tensor input, string path)
    {
        if (!File.Exists(path)) throw new TinyGenException($"--input: file '{path}' does not exist");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != input.SizeInBytes)
            throw new TinyGenException($"--input: '{path}' has {bytes.Length} bytes, but input '{input.Name}' {input.ShapeText} of {input.Type.DisplayName()} needs {input.SizeInBytes}");
        var data = TensorData.FromBytes(input.Type, bytes);
        if (input.Type == ElementType.Float32 && data.ToFloats().Any(f => !float.IsFinite(f)))
            throw new TinyGenException($"--input: '{path}' holds NaN or infinite values");
        return data;
    }

    /// <summary>
    /// Seeded values spread over the whole quantized range. A float input gets real values that
    /// its edge QuantizeLinear maps onto that range (so the network sees varied codes, not zeros).
    /// </summary>
    public static TensorData Random(Graph lowered, Tensor input, int seed)
    {
        var random = new Random(seed);
        var count = checked((int)input.ElementCount);
        switch (input.Type)
        {
            case ElementType.Int8:
                return TensorData.FromInt8(Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-128, 128)).ToArray());
            case ElementType.UInt8:
                return TensorData.FromUInt8(Enumerable.Range(0, count).Select(_ => (byte)random.Next(0, 256)).ToArray());
            case ElementType.Float32:
            {
                var quant = EdgeQuantization(lowered, input.Name) ?? Quantization.PerTensor(1f / 128, 0);
                return TensorData.FromFloats(Enumerable.Range(0, count)
                    .Select(_ => quant.Scale * (random.Next(-128, 128) - quant.ZeroPoint) + (float)(random.NextDouble() - 0.5) * quant.Scale)
                    .ToArray());
            }
            default:
                throw new TinyGenException($"input '{input.Name}' has type {input.Type.DisplayName()}; TinyGen feeds int8, uint8 or float32 inputs");
        }
    }

    /// <summary>The quantization a float input is converted to, following layout-only ops to its QuantizeLinear.</summary>
    private static Quantization? EdgeQuantization(Graph g, string tensor)
    {
        foreach (var consumer in g.Consumers(tensor))
            switch (consumer)
            {
                case Quantize q: return g[q.Output].Quantization;
                case Reshape or Transpose: return EdgeQuantization(g, consumer.Outputs[0]);
            }
        return null;
    }
}
