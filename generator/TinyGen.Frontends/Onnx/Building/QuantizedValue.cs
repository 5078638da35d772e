namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// A quantized tensor inside a <see cref="QuantizedModelComposer"/>: in QDQ form the output of a
/// QuantizeLinear (or an int8 initializer / integer graph input), in QOperator form the integer tensor itself.
/// Its scale and zero point are scalar initializers named ScaleName and ZeroPointName.
/// </summary>
public sealed class QuantizedValue
{
    private readonly int[] _shape;

    internal QuantizedValue(string name, int[] shape, float scale, int zeroPoint, string scaleName, string zeroPointName)
    {
        Name = name;
        _shape = (int[])shape.Clone();
        Scale = scale;
        ZeroPoint = zeroPoint;
        ScaleName = scaleName;
        ZeroPointName = zeroPointName;
    }

    public string Name { get; }
    public IReadOnlyList<int> Shape => _shape;
    public float Scale { get; }
    public int ZeroPoint { get; }
    public string ScaleName { get; }
    public string ZeroPointName { get; }

    internal int[] Dims => (int[])_shape.Clone();
    internal int ElementCount => _shape.Aggregate(1, (a, b) => a * b);
}
