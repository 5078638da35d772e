using System.Globalization;
using System.Text;

namespace TinyGen.Emit;

/// <summary>C literals for numbers, formatted with the invariant culture so output never depends on the machine.</summary>
public static class CLiteral
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>An int32 literal; INT32_MIN is written as an expression because 2147483648 is not an int.</summary>
    public static string Int(long value) => value switch
    {
        int.MinValue => "(-2147483647 - 1)",
        < int.MinValue or > uint.MaxValue => throw new ArgumentOutOfRangeException(nameof(value), value, "not a 32-bit value"),
        _ => value.ToString(Inv),
    };

    /// <summary>An int literal safe in any expression context (negative values parenthesized), for #defines.</summary>
    public static string IntForMacro(long value) => value < 0 ? $"({Int(value)})" : Int(value);

    public static string Unsigned(long value) =>
        value is >= 0 and <= uint.MaxValue ? value.ToString(Inv) + "u" : throw new ArgumentOutOfRangeException(nameof(value), value, "not a 32-bit unsigned value");

    /// <summary>A float literal that reads back as exactly <paramref name="value"/> (9 significant digits).</summary>
    public static string Float(float value)
    {
        if (!float.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "C float literals must be finite");
        var s = value.ToString("G9", Inv);
        if (!s.Contains('.') && !s.Contains('E')) s += ".0";
        return s + "f";
    }

    public static string HexByte(byte value) => "0x" + value.ToString("x2", Inv);

    /// <summary>A 32-bit word in hex, e.g. two packed int16 lanes: 0x0003fffeu.</summary>
    public static string HexWord(uint value) => "0x" + value.ToString("x8", Inv) + "u";

    /// <summary>Comma-separated literals, <paramref name="perLine"/> per line, each line ending in a comma.</summary>
    public static IReadOnlyList<string> Rows<T>(IReadOnlyList<T> values, int perLine, Func<T, string> format)
    {
        var rows = new List<string>((values.Count + perLine - 1) / Math.Max(1, perLine));
        var sb = new StringBuilder();
        for (var i = 0; i < values.Count; i += perLine)
        {
            sb.Clear();
            for (var j = i; j < Math.Min(values.Count, i + perLine); j++)
            {
                if (j > i) sb.Append(' ');
                sb.Append(format(values[j])).Append(',');
            }
            rows.Add(sb.ToString());
        }
        return rows;
    }
}
