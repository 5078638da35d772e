using System.Collections.Frozen;
using System.Text;

namespace TinyGen.Emit;

/// <summary>
/// Turns arbitrary model and tensor names into valid C identifiers ([A-Za-z_][A-Za-z0-9_]*):
/// every other character becomes '_', runs of '_' collapse, leading underscores (reserved in C)
/// and trailing ones go, a leading digit gets a "t_" prefix, and C keywords or names the C
/// library reserves get a trailing '_'. The result can never carry C syntax, so names from a
/// model file cannot break or inject into the generated code. Uniqueness is <see cref="CIdentifierScope"/>'s job.
/// </summary>
public static class CIdentifier
{
    public const int MaxLength = 48;
    public const int MaxModelLength = 32;

    private static readonly FrozenSet<string> Keywords = new[]
    {
        // C89/C99
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        // C11/C23 (and C++ keywords that headers compiled as C++ would trip over)
        "alignas", "alignof", "bool", "constexpr", "false", "nullptr", "static_assert", "thread_local", "true", "typeof",
        "typeof_unqual", "class", "delete", "new", "namespace", "operator", "private", "protected", "public",
        "template", "this", "throw", "try", "catch", "virtual", "explicit", "friend", "mutable", "asm",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Macros and names from the headers generated code includes; shadowing them would break the build.</summary>
    private static readonly FrozenSet<string> Reserved = new[]
    {
        "NULL", "EOF", "errno", "assert", "main", "stdin", "stdout", "stderr", "offsetof", "size_t", "ptrdiff_t",
        "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "intptr_t", "uintptr_t",
        "INT8_MIN", "INT8_MAX", "UINT8_MAX", "INT32_MIN", "INT32_MAX", "UINT32_MAX", "defined",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for a syntactically valid identifier that is neither a keyword nor reserved.</summary>
    public static bool IsValid(string identifier) =>
        identifier.Length > 0 && (char.IsAsciiLetter(identifier[0]) || identifier[0] == '_') &&
        identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') &&
        !(identifier.Length > 1 && identifier[0] == '_' && (identifier[1] == '_' || char.IsAsciiLetterUpper(identifier[1]))) &&
        !Keywords.Contains(identifier) && !Reserved.Contains(identifier);

    /// <summary>A valid identifier derived from <paramref name="name"/> (not yet unique).</summary>
    public static string Sanitize(string name, int maxLength = MaxLength)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var mapped = char.IsAsciiLetterOrDigit(c) ? c : '_';
            if (mapped == '_' && sb.Length > 0 && sb[^1] == '_') continue;
            sb.Append(mapped);
        }
        var id = sb.ToString().Trim('_');
        if (id.Length == 0) id = "t";
        if (char.IsAsciiDigit(id[0])) id = "t_" + id;
        if (id.Length > maxLength) id = id[..maxLength].TrimEnd('_');
        if (Keywords.Contains(id) || Reserved.Contains(id)) id += "_";
        return id;
    }

    /// <summary>The lower-case stem of every symbol of a model (tg_&lt;stem&gt;_invoke, &lt;stem&gt;.c).</summary>
    public static string ModelStem(string modelName)
    {
        var id = Sanitize(modelName.ToLowerInvariant(), MaxModelLength).ToLowerInvariant();
        return id == "t" ? "model" : id;
    }
}
