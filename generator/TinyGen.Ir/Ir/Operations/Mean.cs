using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>
/// The mean over <see cref="Axes"/> (TFLite MEAN, ONNX ReduceMean). Quantized, it rescales from
/// the input's quantization to the output's, so it is not an average pool when the two differ.
/// </summary>
public sealed record Mean(string Name, string Input, string Output, ImmutableArray<int> Axes, bool KeepDims) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => "Mean";
}
