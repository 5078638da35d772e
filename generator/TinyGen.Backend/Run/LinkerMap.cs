using System.Globalization;
using System.Text.RegularExpressions;

namespace TinyGen.Run;

/// <summary>One input section the linker kept: its name, bytes and the object (or archive member) it came from.</summary>
public sealed record LinkedSection(string Name, long Bytes, string Object);

/// <summary>
/// Reads the input sections GNU ld placed, from the "Linker script and memory map" part of its -Map file
/// (what came before it lists discarded sections). A section line is " .name 0xADDR 0xSIZE object", or
/// " .name" with the rest on the next line when the name is long. Output-section headers (column 0),
/// symbol lines (an address and a name, no size), "*fill*" padding and the script's patterns are skipped.
/// </summary>
public static partial class LinkerMap
{
    public static IReadOnlyList<LinkedSection> InputSections(string mapText)
    {
        var lines = mapText.Replace("\r", "").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("Linker script and memory map", StringComparison.Ordinal));
        var sections = new List<LinkedSection>();
        if (start < 0) return sections;
        for (var n = start + 1; n < lines.Length; n++)
        {
            var head = SectionHead().Match(lines[n]);
            if (!head.Success) continue;
            var rest = head.Groups["rest"].Value;
            if (rest.Trim().Length == 0 && n + 1 < lines.Length)
                rest = lines[++n];
            var placement = Placement().Match(rest);
            if (!placement.Success) continue;
            sections.Add(new LinkedSection(head.Groups["name"].Value,
                long.Parse(placement.Groups["size"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                placement.Groups["object"].Value.Trim()));
        }
        return sections;
    }

    /// <summary>One space, then a section name (patterns like " *(.text)" and " *fill*" start with '*').</summary>
    [GeneratedRegex(@"^ (?<name>\.[^\s]+)(?<rest>.*)$")]
    private static partial Regex SectionHead();

    [GeneratedRegex(@"^\s+0x(?<address>[0-9a-fA-F]+)\s+0x(?<size>[0-9a-fA-F]+)\s+(?<object>\S.*)$")]
    private static partial Regex Placement();
}
