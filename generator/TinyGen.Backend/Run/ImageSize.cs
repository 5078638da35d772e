using System.Globalization;
using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>Section totals of a linked image as arm-none-eabi-size (Berkeley format) reports them.</summary>
public sealed record ImageSize(long TextBytes, long DataBytes, long BssBytes)
{
    /// <summary>Code and constants plus the initial values of .data, which live in flash too.</summary>
    public long FlashBytes => TextBytes + DataBytes;

    /// <summary>RAM taken before the program runs: .data and .bss (the stack included when the linker script puts it in .bss).</summary>
    public long StaticRamBytes => DataBytes + BssBytes;

    public static ImageSize Measure(string sizeTool, string elf)
    {
        var run = ProcessRunner.Run(sizeTool, ["-B", elf], TimeSpan.FromSeconds(60));
        if (run.TimedOut || run.ExitCode != 0) throw CCompiler.Failure($"{Path.GetFileName(sizeTool)} failed on {elf}", run);
        return Parse(run.StandardOutput);
    }

    /// <summary>Reads "text data bss dec hex filename" and the one row below it.</summary>
    public static ImageSize Parse(string berkeleyOutput)
    {
        var rows = berkeleyOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (rows.Length >= 2 && rows[0].StartsWith("text", StringComparison.Ordinal))
        {
            var fields = rows[1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3
                && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var text)
                && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var data)
                && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var bss))
                return new ImageSize(text, data, bss);
        }
        throw new TinyGenException($"cannot read the size tool's output:\n{berkeleyOutput}", ExitCodes.ToolError);
    }
}
