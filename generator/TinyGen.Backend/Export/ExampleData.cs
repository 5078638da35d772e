using TinyGen.Inputs;
using TinyGen.Ir;
using TinyGen.Reference;

namespace TinyGen.Export;

/// <summary>
/// The test input an export's example runs the model on, and the outputs TinyGen's reference
/// interpreter computes for it: the example firmware compares with these, and so does the Renode test.
/// </summary>
public sealed record ExampleData(IReadOnlyList<TensorData> Inputs, IReadOnlyList<TensorData> ExpectedOutputs)
{
    /// <summary>Seeded inputs (or the first input from a file) and the reference's outputs for them.</summary>
    public static ExampleData For(Graph lowered, string? firstInputFile = null, int seed = 1)
    {
        var inputs = ModelInputs.Create(lowered, firstInputFile, seed);
        return new ExampleData(inputs, Interpreter.Run(lowered, inputs));
    }

    /// <summary>All inputs' bytes, concatenated in input order (what the harness's tg_harness_input_bytes holds).</summary>
    public byte[] InputBytes => Inputs.SelectMany(i => i.Bytes.ToArray()).ToArray();
}
