using System.Buffers.Binary;

namespace TinyGen.Frontends.Tflite.Building;

/// <summary>
/// A FlatBuffers table being built: scalar fields by id, and references (tables, vectors,
/// strings) to other parts of the buffer. <see cref="FlatBufferWriter"/> lays it out.
/// </summary>
public sealed class FlatTableBuilder
{
    internal readonly SortedDictionary<int, byte[]> Scalars = [];
    internal readonly SortedDictionary<int, FlatPart> References = [];

    public FlatTableBuilder UInt8(int id, byte value) => Scalar(id, [value]);
    public FlatTableBuilder Bool(int id, bool value) => Scalar(id, [value ? (byte)1 : (byte)0]);

    public FlatTableBuilder Int32(int id, int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return Scalar(id, bytes);
    }

    public FlatTableBuilder UInt32(int id, uint value) => Int32(id, unchecked((int)value));

    public FlatTableBuilder UInt64(int id, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Scalar(id, bytes);
    }

    public FlatTableBuilder Float(int id, float value) => Int32(id, BitConverter.SingleToInt32Bits(value));

    public FlatTableBuilder Table(int id, FlatTableBuilder table) => Reference(id, new FlatPart.Table(table));
    public FlatTableBuilder Tables(int id, IEnumerable<FlatTableBuilder> tables) => Reference(id, new FlatPart.TableVector([.. tables]));
    public FlatTableBuilder String(int id, string value) => Reference(id, new FlatPart.Bytes(System.Text.Encoding.UTF8.GetBytes(value), 1, NullTerminated: true));
    public FlatTableBuilder Bytes(int id, byte[] value) => Reference(id, new FlatPart.Bytes(value, 1, NullTerminated: false));

    public FlatTableBuilder Int32s(int id, IEnumerable<int> values)
    {
        var list = values.ToArray();
        var bytes = new byte[4 * list.Length];
        for (var i = 0; i < list.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), list[i]);
        return Reference(id, new FlatPart.Bytes(bytes, 4, NullTerminated: false));
    }

    public FlatTableBuilder Int64s(int id, IEnumerable<long> values)
    {
        var list = values.ToArray();
        var bytes = new byte[8 * list.Length];
        for (var i = 0; i < list.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), list[i]);
        return Reference(id, new FlatPart.Bytes(bytes, 8, NullTerminated: false));
    }

    public FlatTableBuilder Floats(int id, IEnumerable<float> values) => Int32s(id, values.Select(BitConverter.SingleToInt32Bits));

    private FlatTableBuilder Scalar(int id, byte[] bytes)
    {
        References.Remove(id);
        Scalars[id] = bytes;
        return this;
    }

    private FlatTableBuilder Reference(int id, FlatPart part)
    {
        Scalars.Remove(id);
        References[id] = part;
        return this;
    }
}

/// <summary>What a table field can refer to.</summary>
internal abstract record FlatPart
{
    public sealed record Table(FlatTableBuilder Value) : FlatPart;
    public sealed record TableVector(FlatTableBuilder[] Values) : FlatPart;
    /// <summary>A vector of scalars (or a string) as little-endian bytes; <see cref="ElementSize"/> divides them into elements.</summary>
    public sealed record Bytes(byte[] Data, int ElementSize, bool NullTerminated) : FlatPart;
}
