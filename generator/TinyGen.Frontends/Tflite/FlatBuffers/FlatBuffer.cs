using System.Buffers.Binary;
using TinyGen.Diagnostics;

namespace TinyGen.Frontends.Tflite.FlatBuffers;

/// <summary>
/// A FlatBuffers byte buffer read defensively: every offset and length is checked against the
/// buffer before it is followed, and every fault is a <see cref="TinyGenException"/> naming the
/// table and field. Vectors may point anywhere (also at each other), so the bytes copied out are
/// counted against a budget proportional to the file size: a file whose offsets overlap to
/// amplify itself fails instead of exhausting memory.
/// </summary>
public sealed class FlatBuffer
{
    private readonly byte[] bytes;
    private readonly string file;
    private long budget;

    /// <param name="file">How errors name the buffer (the model's file).</param>
    public FlatBuffer(byte[] bytes, string file)
    {
        this.bytes = bytes;
        this.file = file;
        budget = 16L * bytes.Length + (1 << 20);
    }

    public int Length => bytes.Length;

    /// <summary>The 4-byte file identifier after the root offset, or null if the buffer is too short.</summary>
    public string? Identifier => bytes.Length >= 8 ? System.Text.Encoding.ASCII.GetString(bytes, 4, 4) : null;

    /// <summary>The root table (the uoffset at byte 0).</summary>
    public FlatTable Root(string tableName)
    {
        if (bytes.Length < 8) throw Fault($"the file has {bytes.Length} bytes, too few for a FlatBuffer");
        return TableAt(FollowOffset(0, tableName), tableName);
    }

    internal TinyGenException Fault(string what) => new($"'{file}' is not a valid TFLite model: {what}");

    internal void Require(long position, long size, string what)
    {
        if (position < 0 || size < 0 || position + size > bytes.Length)
            throw Fault($"{what} lies outside the file (bytes {position}..{position + size} of {bytes.Length})");
    }

    internal byte U8(long position, string what)
    {
        Require(position, 1, what);
        return bytes[position];
    }

    internal ushort U16(long position, string what)
    {
        Require(position, 2, what);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)position));
    }

    internal uint U32(long position, string what)
    {
        Require(position, 4, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)position));
    }

    internal ulong U64(long position, string what)
    {
        Require(position, 8, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)position));
    }

    /// <summary>The position a uoffset stored at <paramref name="position"/> points to.</summary>
    internal long FollowOffset(long position, string what)
    {
        var target = position + U32(position, what);
        Require(target, 0, what);
        if (target == position) throw Fault($"{what} points at itself");
        return target;
    }

    internal FlatTable TableAt(long position, string what)
    {
        Require(position, 4, what);
        var vtable = position - (int)U32(position, what);
        var vtableSize = U16(vtable, $"{what}: vtable");
        var tableSize = U16(vtable + 2, $"{what}: vtable");
        if (vtableSize < 4 || vtableSize % 2 != 0) throw Fault($"{what}: vtable size {vtableSize} is not an even number of at least 4 bytes");
        if (tableSize < 4) throw Fault($"{what}: table size {tableSize} is smaller than its own vtable offset");
        Require(vtable, vtableSize, $"{what}: vtable of {vtableSize} bytes");
        Require(position, tableSize, $"{what}: table of {tableSize} bytes");
        Charge(16, what);
        return new FlatTable(this, position, vtable, vtableSize, tableSize, what);
    }

    /// <summary>A vector's element count and first element's position, after checking it fits.</summary>
    internal (long Start, int Count) Vector(long position, int elementSize, string what)
    {
        var count = U32(position, $"{what}: vector length");
        var start = position + 4;
        if (count > (bytes.Length - start) / elementSize)
            throw Fault($"{what}: a vector of {count} elements of {elementSize} bytes does not fit in the file");
        Charge((long)count * elementSize, what);
        return (start, (int)count);
    }

    internal ReadOnlySpan<byte> Span(long position, int length, string what)
    {
        Require(position, length, what);
        return bytes.AsSpan((int)position, length);
    }

    /// <summary>Counts bytes taken out of the file; overlapping offsets cannot make us read more than the budget.</summary>
    internal void Charge(long size, string what)
    {
        budget -= size;
        if (budget < 0) throw Fault($"{what}: the file's offsets make it read far more data than it holds (overlapping or repeated vectors)");
    }
}
