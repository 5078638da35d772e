namespace TinyGen.Frontends.Onnx.Building;

/// <summary>One node attribute. Build them with the factory methods; exactly one value field is set.</summary>
public sealed record OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeKind kind)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("Attribute name must not be empty.", nameof(name));
        }
        Name = name;
        Kind = kind;
    }

    public string Name { get; }
    public OnnxAttributeKind Kind { get; }
    public long IntValue { get; private init; }
    public IReadOnlyList<long> IntsValue { get; private init; } = [];
    public float FloatValue { get; private init; }
    public IReadOnlyList<float> FloatsValue { get; private init; } = [];
    public string StringValue { get; private init; } = "";
    public OnnxTensorValue? TensorValue { get; private init; }

    public static OnnxAttribute Int(string name, long value) =>
        new(name, OnnxAttributeKind.Int) { IntValue = value };

    public static OnnxAttribute Ints(string name, params long[] values) =>
        new(name, OnnxAttributeKind.Ints) { IntsValue = (long[])values.Clone() };

    public static OnnxAttribute Float(string name, float value) =>
        new(name, OnnxAttributeKind.Float) { FloatValue = value };

    public static OnnxAttribute Floats(string name, params float[] values) =>
        new(name, OnnxAttributeKind.Floats) { FloatsValue = (float[])values.Clone() };

    public static OnnxAttribute String(string name, string value) =>
        new(name, OnnxAttributeKind.String) { StringValue = value };

    public static OnnxAttribute Tensor(string name, OnnxTensorValue value) =>
        new(name, OnnxAttributeKind.Tensor) { TensorValue = value };
}
