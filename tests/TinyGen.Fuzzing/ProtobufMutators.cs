namespace TinyGen.Fuzzing;

/// <summary>
/// Corruptions of the protobuf wire format that a schema-blind reader must survive: lengths that lie,
/// varints with extreme or malformed values, wire types that do not match, and fields dropped,
/// repeated or reordered (which leaves the bytes well formed but the message inconsistent).
/// </summary>
public static class ProtobufMutators
{
    public static IReadOnlyList<Mutator> All { get; } =
    [
        new("protobuf-length", (bytes, random) => Edit(bytes, random, f => f.WireType == WireField.LengthDelimited, (f, _, r) =>
            f.LengthOverride = Pick<ulong>(r, 0UL, (ulong)f.Bytes.Length - 1, (ulong)f.Bytes.Length + 1, (ulong)f.Bytes.Length * 2 + 7,
                int.MaxValue, uint.MaxValue, 1UL << 40, ulong.MaxValue))),
        new("protobuf-varint", (bytes, random) => Edit(bytes, random, f => f.WireType == WireField.Varint, (f, _, r) =>
            f.Value = Pick<ulong>(r, 0UL, 1UL, ulong.MaxValue, int.MaxValue, 1UL << 31, uint.MaxValue, 1UL << 40, long.MaxValue,
                1UL << 63, f.Value + 1, f.Value - 1, f.Value * 1000, (ulong)r.NextInt64()))),
        new("protobuf-overlong-varint", (bytes, random) => Edit(bytes, random, f => f.WireType is WireField.Varint or WireField.LengthDelimited, (f, _, r) =>
            f.ExtraVarintBytes = 1 + r.Next(8))),
        new("protobuf-wire-type", (bytes, random) => Edit(bytes, random, _ => true, (f, _, r) =>
            f.WireType = Pick(r, WireField.Varint, WireField.Fixed64, WireField.LengthDelimited, WireField.Fixed32))),
        new("protobuf-drop-field", (bytes, random) => Edit(bytes, random, _ => true, (f, parent, _) => parent.Fields.Remove(f))),
        new("protobuf-duplicate-field", (bytes, random) => Edit(bytes, random, _ => true, (f, parent, r) =>
            parent.Fields.Insert(r.Next(parent.Fields.Count + 1), f.Clone()))),
        new("protobuf-swap-fields", (bytes, random) => Edit(bytes, random, _ => true, (f, parent, r) =>
        {
            var i = parent.Fields.IndexOf(f);
            var j = r.Next(parent.Fields.Count);
            (parent.Fields[i], parent.Fields[j]) = (parent.Fields[j], parent.Fields[i]);
        })),
    ];

    /// <summary>Parses, applies <paramref name="change"/> to one field chosen among those <paramref name="eligible"/>, serializes.</summary>
    private static byte[]? Edit(byte[] bytes, Random random, Func<WireField, bool> eligible, Action<WireField, WireMessage, Random> change)
    {
        var message = WireMessage.Parse(bytes);
        if (message is null) return null;
        var candidates = message.Walk().Where(p => eligible(p.Field)).ToList();
        if (candidates.Count == 0) return null;
        var (field, parent) = candidates[random.Next(candidates.Count)];
        change(field, parent, random);
        return message.Serialize();
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];
}
