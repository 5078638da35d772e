using System.Globalization;
using System.Text;

namespace TinyGen.Emit;

/// <summary>
/// Explicit escaping of model-supplied text placed in generated C. Templates never escape
/// (Handlebars runs with NoEscape), so every string that did not come from TinyGen itself passes
/// through here first.
/// </summary>
public static class CText
{
    public const int MaxCommentLength = 160;

    /// <summary>
    /// Text safe inside a one-line /* ... */ comment: printable ASCII only (non-ASCII as U+XXXX,
    /// control characters and newlines as spaces), and no "*/" or "/*" (the first would end the
    /// comment, the second trips -Wcomment).
    /// </summary>
    public static string Comment(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 0x20 and < 0x7F) sb.Append((char)rune.Value);
            else if (rune.Value < 0x80) sb.Append(' ');
            else sb.Append(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
        }
        // Break every '*' '/' pair in either order; repeat because a replacement can meet the next '/'.
        var s = sb.ToString();
        while (s.Contains("*/", StringComparison.Ordinal) || s.Contains("/*", StringComparison.Ordinal))
            s = s.Replace("*/", "* /", StringComparison.Ordinal).Replace("/*", "/ *", StringComparison.Ordinal);
        if (s.Length > MaxCommentLength) s = s[..MaxCommentLength] + "...";
        // A trailing backslash or '?' could join with what the template puts after; keep a space.
        return s.EndsWith('\\') || s.EndsWith('?') ? s + " " : s;
    }

    /// <summary>
    /// The body of a C string literal (without the quotes) holding <paramref name="text"/> as UTF-8:
    /// quotes, backslashes and '?' (trigraphs) escaped, everything outside printable ASCII as a
    /// three-digit octal escape (octal escapes stop after 3 digits, unlike hex ones).
    /// </summary>
    public static string StringBody(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            switch (b)
            {
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'?': sb.Append("\\?"); break;
                case >= 0x20 and < 0x7F: sb.Append((char)b); break;
                default: sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0')); break;
            }
        }
        return sb.ToString();
    }
}
