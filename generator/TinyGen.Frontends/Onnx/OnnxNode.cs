using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Proto;
using AttributeType = TinyGen.Frontends.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace TinyGen.Frontends.Onnx;

/// <summary>
/// One ONNX node as the mappers see it: its unique name, optional inputs as null instead of "",
/// and typed attribute reads that fail with the node's and the attribute's name.
/// </summary>
internal sealed class OnnxNode
{
    public const string DefaultDomain = "ai.onnx";

    private readonly NodeProto proto;

    public OnnxNode(NodeProto proto, string name)
    {
        this.proto = proto;
        Name = name;
        Domain = NormalizeDomain(proto.Domain);
    }

    /// <summary>The node's name, made unique (and non-empty) across the graph; IR ops take it.</summary>
    public string Name { get; }
    /// <summary>"ai.onnx" for the default domain (written "" or "ai.onnx" in files).</summary>
    public string Domain { get; }
    public string OpType => proto.OpType;
    public string QualifiedOp => $"{Domain}::{OpType}";
    public string Describe => $"node '{Name}' (op {QualifiedOp})";

    public IReadOnlyList<string> RawInputs => proto.Input;
    public IReadOnlyList<string> RawOutputs => proto.Output;
    public int InputCount => proto.Input.Count;

    public static string NormalizeDomain(string domain) => domain is "" ? DefaultDomain : domain;

    public TinyGenException Error(string message) => new($"{Describe}: {message}");

    /// <summary>Input <paramref name="index"/>, or null when absent (missing or "").</summary>
    public string? Input(int index) => index < proto.Input.Count && proto.Input[index].Length > 0 ? proto.Input[index] : null;

    public string RequireInput(int index, string role) =>
        Input(index) ?? throw Error($"input {index} ({role}) is missing");

    public string? Output(int index) => index < proto.Output.Count && proto.Output[index].Length > 0 ? proto.Output[index] : null;

    public string RequireOutput(int index = 0) => Output(index) ?? throw Error($"output {index} is missing");

    public void ExpectInputCount(int min, int max)
    {
        if (proto.Input.Count < min || proto.Input.Count > max)
            throw Error(min == max ? $"expects {min} inputs, has {proto.Input.Count}" : $"expects {min} to {max} inputs, has {proto.Input.Count}");
    }

    public bool Has(string attribute) => Find(attribute) is not null;

    public long? Int(string attribute) => Get(attribute, AttributeType.Int)?.I;
    public long Int(string attribute, long fallback) => Int(attribute) ?? fallback;

    public float? Float(string attribute) => Get(attribute, AttributeType.Float)?.F;
    public float Float(string attribute, float fallback) => Float(attribute) ?? fallback;

    public string? String(string attribute) => Get(attribute, AttributeType.String)?.S.ToStringUtf8();
    public string String(string attribute, string fallback) => String(attribute) ?? fallback;

    public ImmutableArray<long>? Ints(string attribute) => Get(attribute, AttributeType.Ints)?.Ints.ToImmutableArray();
    public ImmutableArray<float>? Floats(string attribute) => Get(attribute, AttributeType.Floats)?.Floats.ToImmutableArray();

    public TensorProto? Tensor(string attribute) =>
        Get(attribute, AttributeType.Tensor) is { } a ? a.T ?? throw Error($"attribute '{attribute}' holds no tensor") : null;

    /// <summary>An int attribute that must fit an int (axes, counts, sizes).</summary>
    public int? SmallInt(string attribute) => Int(attribute) is { } v ? ToInt(v, attribute) : null;

    public int ToInt(long value, string what) =>
        value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Error($"{what} value {value} is out of range");

    public ImmutableArray<int>? SmallInts(string attribute) =>
        Ints(attribute) is { } values ? values.Select(v => ToInt(v, $"attribute '{attribute}'")).ToImmutableArray() : null;

    public IEnumerable<string> AttributeNames => proto.Attribute.Select(a => a.Name);

    private AttributeProto? Find(string attribute) => proto.Attribute.FirstOrDefault(a => a.Name == attribute);

    private AttributeProto? Get(string attribute, AttributeType expected)
    {
        var a = Find(attribute);
        if (a is null) return null;
        var actual = a.Type != AttributeType.Undefined ? a.Type : InferType(a);
        if (actual != expected)
            throw Error($"attribute '{attribute}' should be of type {expected.ToString().ToUpperInvariant()} but is {actual.ToString().ToUpperInvariant()}");
        return a;
    }

    /// <summary>Very old writers left the type field unset; the populated field then says it.</summary>
    private static AttributeType InferType(AttributeProto a) =>
        a.Ints.Count > 0 ? AttributeType.Ints
        : a.Floats.Count > 0 ? AttributeType.Floats
        : a.Strings.Count > 0 ? AttributeType.Strings
        : a.Tensors.Count > 0 ? AttributeType.Tensors
        : a.T is not null ? AttributeType.Tensor
        : !a.S.IsEmpty ? AttributeType.String
        : a.F != 0 ? AttributeType.Float
        : AttributeType.Int;
}
