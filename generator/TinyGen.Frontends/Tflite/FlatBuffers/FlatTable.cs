using System.Buffers.Binary;
using System.Text;

namespace TinyGen.Frontends.Tflite.FlatBuffers;

/// <summary>
/// One FlatBuffers table: fields by id through its vtable, scalars with their schema defaults
/// when absent, and offsets to tables, vectors and strings followed with bounds checks.
/// <see cref="What"/> names the table in errors (e.g. "subgraphs[0].tensors[3]").
/// </summary>
public readonly struct FlatTable
{
    private readonly FlatBuffer buffer;
    private readonly long position;
    private readonly long vtable;
    private readonly int vtableSize;
    private readonly int tableSize;

    internal FlatTable(FlatBuffer buffer, long position, long vtable, int vtableSize, int tableSize, string what)
    {
        this.buffer = buffer;
        this.position = position;
        this.vtable = vtable;
        this.vtableSize = vtableSize;
        this.tableSize = tableSize;
        What = what;
    }

    public string What { get; }

    public bool Has(int id, string field) => Field(id, 0, field) != 0;

    public byte UInt8(int id, string field, byte absent = 0) =>
        Field(id, 1, field) is var p and not 0 ? buffer.U8(position + p, Name(field)) : absent;

    public sbyte Int8(int id, string field, sbyte absent = 0) => (sbyte)UInt8(id, field, (byte)absent);

    public bool Bool(int id, string field, bool absent = false) =>
        Field(id, 1, field) is var p and not 0 ? buffer.U8(position + p, Name(field)) != 0 : absent;

    public int Int32(int id, string field, int absent = 0) =>
        Field(id, 4, field) is var p and not 0 ? (int)buffer.U32(position + p, Name(field)) : absent;

    public uint UInt32(int id, string field, uint absent = 0) =>
        Field(id, 4, field) is var p and not 0 ? buffer.U32(position + p, Name(field)) : absent;

    public ulong UInt64(int id, string field, ulong absent = 0) =>
        Field(id, 8, field) is var p and not 0 ? buffer.U64(position + p, Name(field)) : absent;

    public float Float(int id, string field, float absent = 0) =>
        Field(id, 4, field) is var p and not 0 ? BitConverter.Int32BitsToSingle((int)buffer.U32(position + p, Name(field))) : absent;

    public FlatTable? Table(int id, string field) =>
        Field(id, 4, field) is var p and not 0 ? buffer.TableAt(buffer.FollowOffset(position + p, Name(field)), Name(field)) : null;

    public string? String(int id, string field)
    {
        var p = Field(id, 4, field);
        if (p == 0) return null;
        var (start, count) = buffer.Vector(buffer.FollowOffset(position + p, Name(field)), 1, Name(field));
        // Names are untrusted text: invalid UTF-8 becomes U+FFFD, never an exception.
        return Encoding.UTF8.GetString(buffer.Span(start, count, Name(field)));
    }

    /// <summary>A [ubyte] vector's position and length, not copied.</summary>
    public (long Start, int Length)? Bytes(int id, string field)
    {
        var p = Field(id, 4, field);
        if (p == 0) return null;
        return buffer.Vector(buffer.FollowOffset(position + p, Name(field)), 1, Name(field));
    }

    public int[]? Int32s(int id, string field) => Scalars(id, field, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s));

    public long[]? Int64s(int id, string field) => Scalars(id, field, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s));

    public float[]? Floats(int id, string field) => Scalars(id, field, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s));

    public FlatTable[]? Tables(int id, string field)
    {
        var p = Field(id, 4, field);
        if (p == 0) return null;
        var name = Name(field);
        var (start, count) = buffer.Vector(buffer.FollowOffset(position + p, name), 4, name);
        var result = new FlatTable[count];
        for (var i = 0; i < count; i++)
        {
            var what = $"{What}.{field}[{i}]";
            result[i] = buffer.TableAt(buffer.FollowOffset(start + 4L * i, what), what);
        }
        return result;
    }

    /// <summary>A union: its type tag (field <paramref name="typeId"/>) and, unless NONE, its table (the next id).</summary>
    public (byte Type, FlatTable? Value) Union(int typeId, string field)
    {
        var type = UInt8(typeId, field + "_type");
        return type == 0 ? (type, null) : (type, Table(typeId + 1, field));
    }

    private T[]? Scalars<T>(int id, string field, int size, Func<ReadOnlySpan<byte>, T> read)
    {
        var p = Field(id, 4, field);
        if (p == 0) return null;
        var name = Name(field);
        var (start, count) = buffer.Vector(buffer.FollowOffset(position + p, name), size, name);
        var span = buffer.Span(start, count * size, name);
        var result = new T[count];
        for (var i = 0; i < count; i++) result[i] = read(span.Slice(i * size, size));
        return result;
    }

    private string Name(string field) => $"{What}.{field}";

    /// <summary>The field's offset within the table, 0 when absent; checks that a present field fits in the table.</summary>
    private int Field(int id, int size, string field)
    {
        var slot = 4 + 2 * id;
        if (slot + 2 > vtableSize) return 0;
        int offset = buffer.U16(vtable + slot, $"{What}: vtable");
        if (offset == 0) return 0;
        if (offset < 4 || offset + size > tableSize)
            throw buffer.Fault($"{Name(field)}: field at offset {offset} of {size} bytes lies outside its table of {tableSize} bytes");
        return offset;
    }
}
