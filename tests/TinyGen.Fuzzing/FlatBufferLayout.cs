using System.Buffers.Binary;

namespace TinyGen.Fuzzing;

/// <summary>
/// Where the structure of a TFLite FlatBuffer sits in its bytes, found by walking the schema subset TinyGen
/// reads (Model, SubGraph, Tensor, QuantizationParameters, Operator, OperatorCode, Buffer): every table and
/// its vtable, every offset and vector length, and the int32 elements of shape and index vectors. The
/// mutators corrupt exactly these places. The walk is bounded and gives up (null) on bytes it cannot follow.
/// </summary>
public sealed class FlatBufferLayout
{
    private const int MaxTables = 20_000;

    private readonly byte[] bytes;

    private FlatBufferLayout(byte[] bytes) => this.bytes = bytes;

    public List<(int Position, int VTable)> Tables { get; } = [];
    /// <summary>Positions of uoffsets: table fields pointing at tables, vectors or strings, and vector-of-table entries.</summary>
    public List<int> Offsets { get; } = [];
    public List<int> VectorLengths { get; } = [];
    /// <summary>Positions of int32 elements of shape, input, output and tensor-index vectors.</summary>
    public List<int> IndexElements { get; } = [];
    /// <summary>Positions and sizes of scalar fields (types, buffer and opcode indices, options).</summary>
    public List<(int Position, int Size)> Scalars { get; } = [];

    public static FlatBufferLayout? Of(byte[] bytes)
    {
        var layout = new FlatBufferLayout(bytes);
        try
        {
            layout.Offsets.Add(0);
            layout.Model(layout.Follow(0));
            return layout;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidDataException or OverflowException)
        {
            return null;
        }
    }

    private uint U32(int p) => p >= 0 && p + 4 <= bytes.Length ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(p)) : throw new InvalidDataException();
    private int I32(int p) => p >= 0 && p + 4 <= bytes.Length ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(p)) : throw new InvalidDataException();
    private ushort U16(int p) => p >= 0 && p + 2 <= bytes.Length ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(p)) : throw new InvalidDataException();

    private int Follow(int p) => checked(p + (int)U32(p));

    /// <summary>Registers the table at <paramref name="p"/>; returns the position of field <c>id</c>'s value for each id, 0 when absent.</summary>
    private int[] Table(int p, int fields)
    {
        if (Tables.Count >= MaxTables) throw new InvalidDataException();
        var vtable = checked(p - I32(p)); // a signed offset: the vtable may come before or after its table
        var vtableSize = U16(vtable);
        Tables.Add((p, vtable));
        var result = new int[fields];
        for (var id = 0; id < fields && 4 + 2 * id < vtableSize; id++)
        {
            var offset = U16(vtable + 4 + 2 * id);
            result[id] = offset == 0 ? 0 : p + offset;
        }
        return result;
    }

    private int Vector(int fieldPosition)
    {
        Offsets.Add(fieldPosition);
        var vector = Follow(fieldPosition);
        VectorLengths.Add(vector);
        return vector;
    }

    private void TableVector(int fieldPosition, Action<int> each)
    {
        if (fieldPosition == 0) return;
        var vector = Vector(fieldPosition);
        var count = (int)Math.Min(U32(vector), MaxTables);
        for (var i = 0; i < count; i++)
        {
            var entry = vector + 4 + 4 * i;
            Offsets.Add(entry);
            each(Follow(entry));
        }
    }

    private void Ints(int fieldPosition)
    {
        if (fieldPosition == 0) return;
        var vector = Vector(fieldPosition);
        var count = (int)Math.Min(U32(vector), MaxTables);
        for (var i = 0; i < count; i++) IndexElements.Add(vector + 4 + 4 * i);
    }

    private void ByteVector(int fieldPosition)
    {
        if (fieldPosition != 0) Vector(fieldPosition);
    }

    private void Scalar(int fieldPosition, int size)
    {
        if (fieldPosition != 0) Scalars.Add((fieldPosition, size));
    }

    private void Model(int p)
    {
        var f = Table(p, 8);
        Scalar(f[0], 4);
        TableVector(f[1], OperatorCode);
        TableVector(f[2], SubGraph);
        ByteVector(f[3]);
        TableVector(f[4], b => ByteVector(Table(b, 1)[0]));
    }

    private void OperatorCode(int p)
    {
        var f = Table(p, 4);
        Scalar(f[0], 1);
        ByteVector(f[1]);
        Scalar(f[2], 4);
        Scalar(f[3], 4);
    }

    private void SubGraph(int p)
    {
        var f = Table(p, 5);
        TableVector(f[0], Tensor);
        Ints(f[1]);
        Ints(f[2]);
        TableVector(f[3], Operator);
        ByteVector(f[4]);
    }

    private void Tensor(int p)
    {
        var f = Table(p, 8);
        Ints(f[0]);
        Scalar(f[1], 1);
        Scalar(f[2], 4);
        ByteVector(f[3]);
        if (f[4] != 0)
        {
            Offsets.Add(f[4]);
            var q = Table(Follow(f[4]), 7);
            ByteVector(q[2]);
            ByteVector(q[3]);
            Scalar(q[6], 4);
        }
        Ints(f[7]);
    }

    private void Operator(int p)
    {
        var f = Table(p, 5);
        Scalar(f[0], 4);
        Ints(f[1]);
        Ints(f[2]);
        Scalar(f[3], 1);
        if (f[4] != 0)
        {
            // Options tables differ per op; their first fields are small scalars (padding, strides, activation).
            Offsets.Add(f[4]);
            var options = Table(Follow(f[4]), 8);
            foreach (var field in options.Where(x => x != 0)) Scalar(field, 1);
        }
    }
}
