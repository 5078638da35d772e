namespace TinyGen.Fuzzing;

/// <summary>
/// One model file format the fuzzer knows: where its seeds come from and the mutations that understand
/// its encoding. The byte-level mutations (<see cref="ByteMutators"/>) apply to every format on top of
/// these, so a new format needs only its seeds and, where it has structure worth corrupting, its mutators.
/// </summary>
public interface IModelFormat
{
    /// <summary>A short name for reports, e.g. "onnx".</summary>
    string Name { get; }

    /// <summary>The file extension <see cref="Compiler"/> recognizes the format by, with the dot.</summary>
    string Extension { get; }

    /// <summary>Mutations aware of the format's encoding or schema.</summary>
    IReadOnlyList<Mutator> Mutators { get; }

    /// <summary>Synthetic seeds, plus real models found below <paramref name="modelsDir"/> when it exists.</summary>
    IEnumerable<FuzzSeed> Seeds(string? modelsDir);
}
