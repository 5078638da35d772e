using System.Buffers.Binary;

namespace TinyGen.Fuzzing;

/// <summary>
/// Corruptions of a TFLite FlatBuffer where its structure lives (see <see cref="FlatBufferLayout"/>):
/// offsets that point outside the file, at themselves or into other tables; vtables with wrong sizes or
/// field offsets; vector lengths far beyond the file; shapes and tensor indices out of range; odd scalars.
/// </summary>
public static class FlatBufferMutators
{
    public static IReadOnlyList<Mutator> All { get; } =
    [
        new("flatbuffer-offset", (b, r) => Edit(b, r, l => l.Offsets, (bytes, p, rr) =>
            WriteU32(bytes, p, Pick(rr, 0u, 1u, 4u, (uint)bytes.Length, (uint)bytes.Length - 4, 0x7FFFFFFFu, 0xFFFFFFFFu, 0x80000000u,
                ReadU32(bytes, p) + 4, ReadU32(bytes, p) - 4, ReadU32(bytes, p) + (uint)rr.Next(1, 64))))),
        new("flatbuffer-vtable", (b, r) => Edit(b, r, l => l.Tables.Select(t => t.Position).ToList(), (bytes, table, rr) =>
        {
            var vtable = table - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table));
            switch (rr.Next(4))
            {
                case 0: WriteU32(bytes, table, Pick(rr, 0u, 4u, 0x80000000u, 0x7FFFFFFFu, ReadU32(bytes, table) + 2, unchecked((uint)-8))); break;
                case 1: WriteU16(bytes, vtable, Pick<ushort>(rr, 0, 2, 3, 0xFFFF, (ushort)(ReadU16(bytes, vtable) + 2))); break;
                case 2: WriteU16(bytes, vtable + 2, Pick<ushort>(rr, 0, 1, 3, 0xFFFF)); break;
                default:
                    var fields = Math.Max(0, (ReadU16(bytes, vtable) - 4) / 2);
                    if (fields == 0) return;
                    var slot = vtable + 4 + 2 * rr.Next(fields);
                    WriteU16(bytes, slot, Pick<ushort>(rr, 0, 1, 2, 3, 0xFFFF, ReadU16(bytes, vtable + 2), (ushort)(ReadU16(bytes, vtable + 2) + 64)));
                    break;
            }
        })),
        new("flatbuffer-vector-length", (b, r) => Edit(b, r, l => l.VectorLengths, (bytes, p, rr) =>
            WriteU32(bytes, p, Pick(rr, 0u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x40000000u, ReadU32(bytes, p) + 1, ReadU32(bytes, p) * 1000, (uint)bytes.Length)))),
        new("tflite-shape-or-index", (b, r) => Edit(b, r, l => l.IndexElements, (bytes, p, rr) =>
            WriteU32(bytes, p, unchecked((uint)Pick(rr, -1, -2, 0, int.MaxValue, int.MinValue, 1 << 28, 65_536, 100_000, (int)ReadU32(bytes, p) + 1))))),
        new("tflite-scalar", (b, r) => Edit(b, r, l => l.Scalars.Select(s => s.Position).ToList(), (bytes, p, rr) =>
            bytes[p] = Pick<byte>(rr, 0, 1, 2, 3, 6, 9, 17, 127, 128, 255))),
    ];

    private static byte[]? Edit(byte[] input, Random random, Func<FlatBufferLayout, List<int>> places, Action<byte[], int, Random> change)
    {
        if (FlatBufferLayout.Of(input) is not { } layout) return null;
        var candidates = places(layout);
        if (candidates.Count == 0) return null;
        var output = (byte[])input.Clone();
        try
        {
            change(output, candidates[random.Next(candidates.Count)], random);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // the place lies at the end of the file: nothing to corrupt there
        }
        return output;
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    private static uint ReadU32(byte[] bytes, int p) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(p));
    private static ushort ReadU16(byte[] bytes, int p) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(p));
    private static void WriteU32(byte[] bytes, int p, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(p), value);
    private static void WriteU16(byte[] bytes, int p, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(p), value);
}
