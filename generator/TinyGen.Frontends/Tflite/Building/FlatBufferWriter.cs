using System.Buffers.Binary;

namespace TinyGen.Frontends.Tflite.Building;

/// <summary>
/// Lays out a tree of <see cref="FlatTableBuilder"/>s as a FlatBuffer, front to back: the root
/// offset and file identifier, then each table (its vtable just before it) followed by what it
/// refers to, so every uoffset points forward as the format requires. Scalars are aligned to
/// their size and vector data to 16 bytes (TFLite's force_align on buffer data).
/// </summary>
public static class FlatBufferWriter
{
    public static byte[] Write(FlatTableBuilder root, string fileIdentifier)
    {
        if (fileIdentifier.Length != 4) throw new ArgumentException("a file identifier has 4 characters", nameof(fileIdentifier));
        var output = new List<byte>(1024);
        output.AddRange(new byte[4]);
        output.AddRange(System.Text.Encoding.ASCII.GetBytes(fileIdentifier));
        var rootPosition = WriteTable(output, root);
        Patch(output, 0, rootPosition);
        return [.. output];
    }

    private static int WriteTable(List<byte> output, FlatTableBuilder table)
    {
        // inline layout: soffset, then fields largest first so each is aligned within the 8-aligned table
        var ids = table.Scalars.Keys.Concat(table.References.Keys).ToList();
        var fieldCount = ids.Count == 0 ? 0 : ids.Max() + 1;
        var fields = table.Scalars.Select(kv => (Id: kv.Key, Size: kv.Value.Length, Bytes: kv.Value))
            .Concat(table.References.Keys.Select(id => (Id: id, Size: 4, Bytes: new byte[4])))
            .OrderByDescending(f => f.Size).ThenBy(f => f.Id).ToList();
        var offsets = new Dictionary<int, int>();
        var size = 4;
        foreach (var f in fields)
        {
            size = Align(size, f.Size);
            offsets[f.Id] = size;
            size += f.Size;
        }
        var vtableSize = 4 + 2 * fieldCount;

        Pad(output, 8, vtableSize);
        var vtable = output.Count;
        AddU16(output, vtableSize);
        AddU16(output, size);
        for (var id = 0; id < fieldCount; id++) AddU16(output, offsets.GetValueOrDefault(id));
        var position = output.Count;
        output.AddRange(new byte[size]);
        Set32(output, position, position - vtable);
        foreach (var f in fields.Where(f => table.Scalars.ContainsKey(f.Id)))
            for (var i = 0; i < f.Size; i++) output[position + offsets[f.Id] + i] = f.Bytes[i];

        foreach (var (id, part) in table.References)
        {
            var target = part switch
            {
                FlatPart.Table t => WriteTable(output, t.Value),
                FlatPart.TableVector v => WriteTableVector(output, v.Values),
                FlatPart.Bytes b => WriteBytes(output, b),
                _ => throw new InvalidOperationException(part.ToString()),
            };
            Patch(output, position + offsets[id], target);
        }
        return position;
    }

    private static int WriteTableVector(List<byte> output, FlatTableBuilder[] tables)
    {
        Pad(output, 4, 0);
        var vector = output.Count;
        AddU32(output, tables.Length);
        output.AddRange(new byte[4 * tables.Length]);
        for (var i = 0; i < tables.Length; i++) Patch(output, vector + 4 + 4 * i, WriteTable(output, tables[i]));
        return vector;
    }

    private static int WriteBytes(List<byte> output, FlatPart.Bytes part)
    {
        Pad(output, 16, 4);
        var vector = output.Count;
        AddU32(output, part.Data.Length / part.ElementSize);
        output.AddRange(part.Data);
        if (part.NullTerminated) output.Add(0);
        return vector;
    }

    /// <summary>Pads so that the position after <paramref name="prefix"/> more bytes is a multiple of <paramref name="alignment"/>.</summary>
    private static void Pad(List<byte> output, int alignment, int prefix)
    {
        while ((output.Count + prefix) % alignment != 0) output.Add(0);
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static void Patch(List<byte> output, int field, int target) => Set32(output, field, target - field);

    private static void Set32(List<byte> output, int position, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        for (var i = 0; i < 4; i++) output[position + i] = bytes[i];
    }

    private static void AddU16(List<byte> output, int value)
    {
        output.Add((byte)value);
        output.Add((byte)(value >> 8));
    }

    private static void AddU32(List<byte> output, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        output.AddRange(bytes.ToArray());
    }
}
