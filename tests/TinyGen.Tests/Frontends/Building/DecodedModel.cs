using System.Buffers.Binary;
using TinyGen.Frontends.Onnx.Proto;

namespace TinyGen.Tests.Frontends.Building;

/// <summary>
/// A built model parsed back with the generated protobuf classes, with the little-endian raw_data
/// decoding written here independently of the builder's encoder.
/// </summary>
internal sealed class DecodedModel
{
    public DecodedModel(byte[] bytes)
    {
        Proto = ModelProto.Parser.ParseFrom(bytes);
    }

    public ModelProto Proto { get; }
    public GraphProto Graph => Proto.Graph;

    public IReadOnlyList<string> OpTypes => Graph.Node.Select(n => n.OpType).ToArray();

    public NodeProto Node(string opType) => Graph.Node.Single(n => n.OpType == opType);

    public TensorProto Initializer(string name) =>
        Graph.Initializer.SingleOrDefault(i => i.Name == name) ?? throw new KeyNotFoundException($"No initializer '{name}'.");

    public bool HasInitializer(string name) => Graph.Initializer.Any(i => i.Name == name);

    public float[] Floats(string name)
    {
        TensorProto t = Initializer(name);
        Assert.Equal((int)TensorProto.Types.DataType.Float, t.DataType);
        if (t.RawData.Length == 0)
        {
            return t.FloatData.ToArray();
        }
        byte[] raw = t.RawData.ToByteArray();
        return Enumerable.Range(0, raw.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4))).ToArray();
    }

    public float Float(string name) => Assert.Single(Floats(name));

    /// <summary>Integer initializer contents widened to long, whatever their ONNX integer type.</summary>
    public long[] Integers(string name)
    {
        TensorProto t = Initializer(name);
        byte[] raw = t.RawData.ToByteArray();
        return (TensorProto.Types.DataType)t.DataType switch
        {
            TensorProto.Types.DataType.Int8 => raw.Length > 0 ? raw.Select(b => (long)(sbyte)b).ToArray() : t.Int32Data.Select(v => (long)v).ToArray(),
            TensorProto.Types.DataType.Uint8 => raw.Length > 0 ? raw.Select(b => (long)b).ToArray() : t.Int32Data.Select(v => (long)v).ToArray(),
            TensorProto.Types.DataType.Int32 => raw.Length > 0
                ? Enumerable.Range(0, raw.Length / 4).Select(i => (long)BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(i * 4))).ToArray()
                : t.Int32Data.Select(v => (long)v).ToArray(),
            TensorProto.Types.DataType.Int64 => raw.Length > 0
                ? Enumerable.Range(0, raw.Length / 8).Select(i => BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(i * 8))).ToArray()
                : t.Int64Data.ToArray(),
            _ => throw new InvalidOperationException($"'{name}' is not an integer tensor."),
        };
    }

    public static long[] Shape(ValueInfoProto info) => info.Type.TensorType.Shape.Dim.Select(d => d.DimValue).ToArray();

    public static int ElemType(ValueInfoProto info) => info.Type.TensorType.ElemType;

    public static AttributeProto Attribute(NodeProto node, string name) => node.Attribute.Single(a => a.Name == name);

    /// <summary>The node producing a tensor, or null for inputs and initializers.</summary>
    public NodeProto? Producer(string tensor) => Graph.Node.SingleOrDefault(n => n.Output.Contains(tensor));
}
