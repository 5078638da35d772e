namespace TinyGen.Fuzzing;

/// <summary>The formats the fuzzer covers. A new format is one <see cref="IModelFormat"/> added here.</summary>
public static class ModelFormats
{
    public static IReadOnlyList<IModelFormat> All { get; } = [new OnnxFormat(), new TfliteFormat()];

    /// <summary>Every seed of every format; real models only where <paramref name="modelsDir"/> exists.</summary>
    public static IReadOnlyList<FuzzSeed> Seeds(string? modelsDir) => All.SelectMany(f => f.Seeds(modelsDir)).ToList();
}
