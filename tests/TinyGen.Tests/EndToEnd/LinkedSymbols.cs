using System.Globalization;
using TinyGen.Run;

namespace TinyGen.Tests.EndToEnd;

/// <summary>What the linker made of the emitted code: symbol sizes read from the built ELF with arm-none-eabi-nm.</summary>
public static class LinkedSymbols
{
    /// <summary>The size in bytes of <paramref name="symbol"/> in the one ELF under <paramref name="buildFolder"/>.</summary>
    public static long SizeOf(string buildFolder, string symbol)
    {
        var nm = ExecutableSearch.FindOnPath("arm-none-eabi-nm") ?? throw new InvalidOperationException("arm-none-eabi-nm is not on PATH");
        var elf = Directory.EnumerateFiles(buildFolder, "*.elf", SearchOption.AllDirectories).Single();
        var run = ProcessRunner.Run(nm, ["-S", elf], TimeSpan.FromSeconds(30));
        Assert.Equal(0, run.ExitCode);
        // lines: <address> <size> <type> <name>
        var fields = run.StandardOutput.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(f => f.Length == 4 && f[3] == symbol);
        return long.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
