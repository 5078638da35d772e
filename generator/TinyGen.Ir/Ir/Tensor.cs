using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>
/// A value in the graph. <see cref="Shape"/> is default (unknown) until shape inference runs;
/// <see cref="Data"/> is set for constants. Quantized tensors carry <see cref="Quantization"/>.
/// </summary>
public sealed record Tensor(string Name, ElementType Type, ImmutableArray<int> Shape, Quantization? Quantization = null, TensorData? Data = null)
{
    public bool IsConstant => Data is not null;
    public bool HasShape => !Shape.IsDefault;
    public int Rank => Shape.Length;

    public long ElementCount => Shape.Aggregate(1L, (product, d) => product * d);
    public long SizeInBytes => ElementCount * Type.SizeInBytes();

    public Quantization RequireQuantization(string user) =>
        Quantization ?? throw new Diagnostics.TinyGenException($"{user}: tensor '{Name}' has no quantization parameters");

    public string ShapeText => HasShape ? "[" + string.Join(",", Shape) + "]" : "[?]";
}
