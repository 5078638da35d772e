namespace TinyGen.Fuzzing;

/// <summary>One field of a <see cref="WireMessage"/>.</summary>
public sealed class WireField
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public int Number { get; set; }
    public int WireType { get; set; }
    /// <summary>The value of a varint field.</summary>
    public ulong Value { get; set; }
    /// <summary>The payload of a length-delimited or fixed-size field (ignored when <see cref="Message"/> is set).</summary>
    public byte[] Bytes { get; set; } = [];
    /// <summary>The payload parsed as a message, when it is one.</summary>
    public WireMessage? Message { get; set; }
    /// <summary>A length to write instead of the payload's real one.</summary>
    public ulong? LengthOverride { get; set; }
    /// <summary>Redundant continuation bytes to pad the value's (or length's) varint with.</summary>
    public int ExtraVarintBytes { get; set; }

    public WireField Clone() => new()
    {
        Number = Number, WireType = WireType, Value = Value, Bytes = Bytes, LengthOverride = LengthOverride, ExtraVarintBytes = ExtraVarintBytes,
        Message = Message is null ? null : WireMessage.Parse(Serialize(Message)),
    };

    private static byte[] Serialize(WireMessage message) => message.Serialize();
}
