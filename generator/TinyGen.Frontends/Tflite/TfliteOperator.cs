using TinyGen.Frontends.Tflite.FlatBuffers;

namespace TinyGen.Frontends.Tflite;

/// <summary>
/// One operator of the subgraph: its builtin code (resolved through the model's operator codes),
/// tensor indices (-1 = an absent optional input) and its builtin_options table, read by the mapper.
/// </summary>
public sealed record TfliteOperator(int Index, int Code, int[] Inputs, int[] Outputs, byte OptionsType, FlatTable? Options)
{
    public string OpName => BuiltinOperatorNames.Of(Code);

    public override string ToString() => $"operator {Index} ({OpName})";
}
