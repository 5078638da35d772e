using System.Collections.Immutable;
using System.Globalization;
using TinyGen.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TinyGen.Boards;

/// <summary>
/// The boards TinyGen knows: every boards/*.yaml, loaded and checked once, listed by name.
/// </summary>
public sealed class BoardCatalog
{
    private readonly ImmutableSortedDictionary<string, Board> boards;

    private BoardCatalog(string directory, ImmutableSortedDictionary<string, Board> boards)
    {
        Directory = directory;
        this.boards = boards;
    }

    /// <summary>The folder the descriptors were read from.</summary>
    public string Directory { get; }

    /// <summary>The catalog of the product's own boards/ folder (see <see cref="ProductPaths"/>).</summary>
    public static BoardCatalog Default() => Load(ProductPaths.Boards);

    /// <summary>Reads every *.yaml / *.yml file of <paramref name="directory"/>.</summary>
    public static BoardCatalog Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new TinyGenException($"board folder '{directory}' does not exist");
        var files = System.IO.Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var builder = ImmutableSortedDictionary.CreateBuilder<string, Board>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var board = Parse(File.ReadAllText(file), Path.GetFullPath(file));
            if (builder.TryGetValue(board.Name, out var earlier))
                throw new TinyGenException($"board '{board.Name}' is defined twice: {earlier.SourcePath} and {board.SourcePath}");
            builder.Add(board.Name, board);
        }
        return new BoardCatalog(Path.GetFullPath(directory), builder.ToImmutable());
    }

    /// <summary>All boards, ordered by name.</summary>
    public IReadOnlyList<Board> List() => boards.Values.ToList();

    public IReadOnlyList<string> Names => boards.Keys.ToList();

    /// <summary>The board called <paramref name="name"/>, or an error that lists the known boards.</summary>
    public Board Get(string name) =>
        boards.TryGetValue(name, out var board)
            ? board
            : throw new TinyGenException(
                $"unknown board '{name}'; known boards: " + (boards.Count == 0 ? $"(none in {Directory})" : string.Join(", ", boards.Keys)));

    /// <summary>Parses one descriptor; <paramref name="sourcePath"/> names the file in errors and anchors the linker script.</summary>
    public static Board Parse(string yaml, string sourcePath)
    {
        BoardYaml? raw;
        try
        {
            var deserializer = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .IgnoreUnmatchedProperties()
                .Build();
            raw = deserializer.Deserialize<BoardYaml>(yaml);
        }
        catch (YamlException e)
        {
            throw new TinyGenException($"board file {sourcePath}: {e.Message}", ExitCodes.UserError, e);
        }
        if (raw is null) throw new TinyGenException($"board file {sourcePath} is empty");

        string Where(string key) => $"board file {sourcePath}: '{key}'";
        string Text(string? value, string key) =>
            string.IsNullOrWhiteSpace(value) ? throw new TinyGenException($"{Where(key)} is missing") : value.Trim();
        bool Flag(bool? value, string key) => value ?? throw new TinyGenException($"{Where(key)} is missing (true or false)");
        ulong Number(string? value, string key) =>
            ParseNumber(Text(value, key)) ?? throw new TinyGenException($"{Where(key)} is not a number: '{value}'");

        var memory = raw.Memory ?? throw new TinyGenException($"{Where("memory")} is missing");
        var budget = raw.Budget ?? throw new TinyGenException($"{Where("budget")} is missing");
        // "qemu: null" (or no machine) says QEMU has no model of the board; 'run' then refuses it.
        var qemu = raw.Qemu is { Machine: { } machine } && !string.IsNullOrWhiteSpace(machine) && machine.Trim() != "null"
            ? new QemuTarget(machine.Trim(), string.IsNullOrWhiteSpace(raw.Qemu.Cpu) || raw.Qemu.Cpu.Trim() == "null" ? null : raw.Qemu.Cpu.Trim())
            : null;
        var uart = string.IsNullOrWhiteSpace(raw.Uart) ? UartKinds.Cmsdk : raw.Uart.Trim();
        if (!UartKinds.All.Contains(uart))
            throw new TinyGenException($"{Where("uart")} is '{uart}'; known UART kinds: {string.Join(", ", UartKinds.All)}");
        return new Board(
            Name: Text(raw.Name, "name"),
            Description: raw.Description?.Trim() ?? "",
            Core: Text(raw.Core, "core"),
            Fpu: Flag(raw.Fpu, "fpu"),
            Dsp: Flag(raw.Dsp, "dsp"),
            Mve: Flag(raw.Mve, "mve"),
            CFlags: (raw.Cflags ?? []).Select(f => f.Trim()).Where(f => f.Length > 0).ToImmutableArray(),
            CpuHz: Number(raw.CpuHz, "cpu_hz"),
            UartBase: Number(raw.UartBase, "uart_base"),
            Memory: new BoardMemory(
                Number(memory.FlashOrigin, "memory.flash_origin"), Number(memory.FlashSize, "memory.flash_size"),
                Number(memory.RamOrigin, "memory.ram_origin"), Number(memory.RamSize, "memory.ram_size")),
            Budget: new BoardBudget(Number(budget.Flash, "budget.flash"), Number(budget.Sram, "budget.sram")),
            LinkerScript: Text(raw.LinkerScript, "linker_script"),
            Qemu: qemu,
            StackSize: Number(raw.StackSize, "stack_size"),
            SourcePath: sourcePath)
        {
            Uart = uart,
            Renode = raw.Renode is { } renode ? new RenodeTarget(Text(renode.Platform, "renode.platform"), Text(renode.Uart, "renode.uart")) : null,
            PlatformIo = raw.Platformio is { } pio
                ? new PlatformIoTarget(Text(pio.Board, "platformio.board"), Text(pio.Platform, "platformio.platform"), Text(pio.Framework, "platformio.framework"))
                : null,
        };
    }

    /// <summary>Decimal or 0x-hex, with optional '_' separators and a K/M (×1024) suffix, e.g. "0x2000_0000", "512K".</summary>
    public static ulong? ParseNumber(string text)
    {
        var s = text.Replace("_", "", StringComparison.Ordinal).Trim();
        ulong unit = 1;
        if (s.EndsWith("KB", StringComparison.OrdinalIgnoreCase) || s.EndsWith("KiB", StringComparison.OrdinalIgnoreCase))
            (s, unit) = (s[..s.IndexOf('K', StringComparison.OrdinalIgnoreCase)], 1024);
        else if (s.EndsWith("MB", StringComparison.OrdinalIgnoreCase) || s.EndsWith("MiB", StringComparison.OrdinalIgnoreCase))
            (s, unit) = (s[..s.IndexOf('M', StringComparison.OrdinalIgnoreCase)], 1024 * 1024);
        else if (s.EndsWith('K') || s.EndsWith('k'))
            (s, unit) = (s[..^1], 1024);
        else if (s.EndsWith('M') || s.EndsWith('m'))
            (s, unit) = (s[..^1], 1024 * 1024);
        ulong value;
        var ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) return null;
        try
        {
            return checked(value * unit);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
