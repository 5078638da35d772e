using System.Globalization;

namespace TinyGen.Run;

/// <summary>
/// The largest single stack frame gcc's -fstack-usage reported over all compiled units. A lower bound of
/// the real need (call chains add up), kept as information beside the harness's measured high-water mark.
/// </summary>
public sealed record StackUsage(string Function, long FrameBytes, bool Bounded)
{
    public static readonly StackUsage None = new("", 0, true);

    /// <summary>Reads .su lines "file:line:col:function&lt;TAB&gt;bytes&lt;TAB&gt;static|dynamic|dynamic,bounded".</summary>
    public static StackUsage Largest(IEnumerable<string> suFiles)
    {
        var largest = None;
        foreach (var file in suFiles.Where(File.Exists))
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split('\t');
                if (fields.Length < 3 || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)) continue;
                if (bytes <= largest.FrameBytes) continue;
                var location = fields[0];
                var function = location[(location.LastIndexOf(':') + 1)..];
                largest = new StackUsage(function, bytes, fields[2] == "static" || fields[2].Contains("bounded", StringComparison.Ordinal));
            }
        return largest;
    }
}
