namespace TinyGen.Fuzzing;

/// <summary>
/// A protobuf message as its wire format sees it, with no schema: fields in file order, each a varint,
/// a fixed 32/64-bit value or a length-delimited payload that is kept parsed too when it reads as a
/// message. Serializing recomputes every length, so changes deep inside keep the file well formed unless
/// a field asks for a wrong length (<see cref="WireField.LengthOverride"/>) or a malformed varint on purpose.
/// </summary>
public sealed class WireMessage
{
    private const int MaxDepth = 12;

    public List<WireField> Fields { get; } = [];

    /// <summary>The message in <paramref name="bytes"/>, or null when they are not one.</summary>
    public static WireMessage? Parse(ReadOnlySpan<byte> bytes) => Parse(bytes, 0);

    private static WireMessage? Parse(ReadOnlySpan<byte> bytes, int depth)
    {
        var message = new WireMessage();
        var position = 0;
        while (position < bytes.Length)
        {
            if (!TryReadVarint(bytes, ref position, out var tag)) return null;
            var field = new WireField { Number = (int)Math.Min(tag >> 3, int.MaxValue), WireType = (int)(tag & 7) };
            if (field.Number == 0) return null;
            switch (field.WireType)
            {
                case WireField.Varint:
                    if (!TryReadVarint(bytes, ref position, out var value)) return null;
                    field.Value = value;
                    break;
                case WireField.Fixed64:
                case WireField.Fixed32:
                    var size = field.WireType == WireField.Fixed64 ? 8 : 4;
                    if (bytes.Length - position < size) return null;
                    field.Bytes = bytes.Slice(position, size).ToArray();
                    position += size;
                    break;
                case WireField.LengthDelimited:
                    if (!TryReadVarint(bytes, ref position, out var length) || length > (ulong)(bytes.Length - position)) return null;
                    var payload = bytes.Slice(position, (int)length);
                    field.Bytes = payload.ToArray();
                    field.Message = depth < MaxDepth && payload.Length > 0 ? Parse(payload, depth + 1) : null;
                    position += (int)length;
                    break;
                default:
                    return null;
            }
            message.Fields.Add(field);
        }
        return message;
    }

    /// <summary>Every field at every depth with the message holding it, outermost first.</summary>
    public IEnumerable<(WireField Field, WireMessage Parent)> Walk()
    {
        foreach (var field in Fields)
        {
            yield return (field, this);
            if (field.Message is { } inner)
                foreach (var nested in inner.Walk()) yield return nested;
        }
    }

    public byte[] Serialize()
    {
        var output = new List<byte>();
        Write(output);
        return [.. output];
    }

    private void Write(List<byte> output)
    {
        foreach (var field in Fields)
        {
            WriteVarint(output, ((ulong)field.Number << 3) | (uint)field.WireType, 0);
            switch (field.WireType)
            {
                case WireField.Varint:
                    WriteVarint(output, field.Value, field.ExtraVarintBytes);
                    break;
                case WireField.LengthDelimited:
                    var payload = field.Message is { } inner ? inner.Serialize() : field.Bytes;
                    WriteVarint(output, field.LengthOverride ?? (ulong)payload.Length, field.ExtraVarintBytes);
                    output.AddRange(payload);
                    break;
                default:
                    output.AddRange(field.Bytes);
                    break;
            }
        }
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < bytes.Length; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }

    /// <summary>Writes a varint; <paramref name="extraBytes"/> pads it with redundant continuation bytes (overlong, or past 10 bytes malformed).</summary>
    private static void WriteVarint(List<byte> output, ulong value, int extraBytes)
    {
        var groups = new List<byte>();
        do
        {
            groups.Add((byte)(value & 0x7F));
            value >>= 7;
        } while (value != 0);
        for (var i = 0; i < extraBytes; i++) groups.Add(0);
        for (var i = 0; i < groups.Count; i++) output.Add((byte)(groups[i] | (i < groups.Count - 1 ? 0x80 : 0)));
    }
}
