namespace TinyGen.Tests.Export;

/// <summary>
/// A strict reader of the INI dialect platformio.ini uses: [sections], key = value, ';' or '#'
/// comment lines. Anything else (a key outside a section, a line without '=', a repeated key) throws,
/// so a malformed file fails the test instead of being half read.
/// </summary>
internal sealed class IniDocument
{
    private readonly Dictionary<string, Dictionary<string, string>> sections = new(StringComparer.Ordinal);

    public IniDocument(string text)
    {
        Dictionary<string, string>? current = null;
        var number = 0;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith(';') || line.StartsWith('#')) continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var name = line[1..^1].Trim();
                if (name.Length == 0 || sections.ContainsKey(name)) throw new FormatException($"line {number}: empty or repeated section [{name}]");
                current = sections[name] = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }
            var equals = line.IndexOf('=');
            if (current is null || equals <= 0) throw new FormatException($"line {number}: '{raw}' is neither a section nor key = value inside one");
            var key = line[..equals].Trim();
            if (!current.TryAdd(key, line[(equals + 1)..].Trim())) throw new FormatException($"line {number}: key '{key}' repeated");
        }
    }

    public IReadOnlyCollection<string> Sections => sections.Keys;

    public string this[string section, string key] =>
        sections.TryGetValue(section, out var keys) && keys.TryGetValue(key, out var value)
            ? value
            : throw new KeyNotFoundException($"[{section}] has no '{key}'");
}
