namespace TinyGen.Run;

/// <summary>Reads the make-style dependency file gcc writes with -MMD: "target: source header1 header2 \".</summary>
public static class DependencyFile
{
    public static IReadOnlyList<string> Read(string path)
    {
        var text = File.ReadAllText(path).Replace("\\\r\n", " ").Replace("\\\n", " ");
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0) return [];
        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        var rest = text[(colon + 2)..];
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '\\' && i + 1 < rest.Length && rest[i + 1] == ' ') { current.Append(' '); i++; }
            else if (char.IsWhiteSpace(c)) Flush();
            else current.Append(c);
        }
        Flush();
        return result;

        void Flush()
        {
            if (current.Length > 0) result.Add(current.ToString());
            current.Clear();
        }
    }
}
