using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TinyGen.Export;

/// <summary>
/// Model-derived text made safe for the build files an export writes. Templates render without
/// escaping (see <see cref="Emit.TemplateSet"/>), so every string from the model passes through here
/// for the format it lands in.
/// </summary>
public static class ExportText
{
    // Build files are not HTML: quotes and ampersands may stay readable; JSON's own escapes still apply.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string literal, quotes included.</summary>
    public static string Json(string text) => JsonSerializer.Serialize(text, Readable);

    /// <summary>One line of printable text: control characters become spaces (INI, .properties, YAML comments, CMake comments).</summary>
    public static string Line(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text) b.Append(char.IsControl(c) ? ' ' : c);
        return b.ToString().Trim();
    }

    /// <summary>A double-quoted YAML scalar.</summary>
    public static string YamlString(string text) => Json(Line(text));

    /// <summary>An argument for a Robot Framework keyword: cells are separated by two spaces, and $, @, &amp;, % and \ are special.</summary>
    public static string RobotArgument(string text)
    {
        var b = new StringBuilder();
        foreach (var c in Line(text))
        {
            if (c is '\\' or '$' or '@' or '&' or '%' or '#') b.Append('\\');
            b.Append(c);
        }
        return b.ToString().Replace("  ", " \\ ", StringComparison.Ordinal);
    }
}
