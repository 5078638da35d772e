using System.Collections.Immutable;

namespace TinyGen.Boards;

/// <summary>Where flash and RAM sit in the board's address space and how large they are.</summary>
public sealed record BoardMemory(ulong FlashOrigin, ulong FlashSize, ulong RamOrigin, ulong RamSize);

/// <summary>How much of the memory a model may use: weights and code in flash, arena in SRAM.</summary>
public sealed record BoardBudget(ulong Flash, ulong Sram);

/// <summary>The QEMU machine that emulates the board, and a -cpu override when the machine's default core is not the right one.</summary>
public sealed record QemuTarget(string Machine, string? Cpu);

/// <summary>
/// Renode's model of the board: a platform description from Renode's own repository (loaded with
/// LoadPlatformDescription @Platform) and the peripheral the harness UART is, e.g. sysbus.usart1.
/// </summary>
public sealed record RenodeTarget(string Platform, string Uart);

/// <summary>How PlatformIO names the board: its board id, the development platform and the framework the export uses.</summary>
public sealed record PlatformIoTarget(string Board, string Platform, string Framework);

/// <summary>
/// One board descriptor (boards/&lt;name&gt;.yaml): core features for kernel choice, compiler flags,
/// memory map and budgets for planning and linking, and the QEMU target for running.
/// </summary>
public sealed record Board(
    string Name,
    string Description,
    string Core,
    bool Fpu,
    bool Dsp,
    bool Mve,
    ImmutableArray<string> CFlags,
    ulong CpuHz,
    ulong UartBase,
    BoardMemory Memory,
    BoardBudget Budget,
    string LinkerScript,
    QemuTarget? Qemu,
    ulong StackSize,
    string SourcePath)
{
    /// <summary>The board's folder (boards/); <see cref="LinkerScript"/> is relative to it.</summary>
    public string BoardsDirectory => Path.GetDirectoryName(SourcePath) ?? ".";

    public string LinkerScriptPath => Path.GetFullPath(Path.Combine(BoardsDirectory, LinkerScript));

    /// <summary>The register layout of the UART at <see cref="UartBase"/> the test harness prints on (see <see cref="UartKinds"/>).</summary>
    public string Uart { get; init; } = UartKinds.Cmsdk;

    /// <summary>Renode's model of the board, or null when Renode has none.</summary>
    public RenodeTarget? Renode { get; init; }

    /// <summary>PlatformIO's name for the board, or null when PlatformIO does not know it.</summary>
    public PlatformIoTarget? PlatformIo { get; init; }

    /// <summary>True when QEMU emulates the board, so 'run' can execute its firmware.</summary>
    public bool RunsInQemu => Qemu is not null;

    public bool Equals(Board? other) =>
        other is not null && Name == other.Name && Description == other.Description && Core == other.Core &&
        Fpu == other.Fpu && Dsp == other.Dsp && Mve == other.Mve && CFlags.SequenceEqual(other.CFlags) &&
        CpuHz == other.CpuHz && UartBase == other.UartBase && Memory == other.Memory && Budget == other.Budget &&
        LinkerScript == other.LinkerScript && Qemu == other.Qemu && StackSize == other.StackSize && SourcePath == other.SourcePath &&
        Uart == other.Uart && Renode == other.Renode && PlatformIo == other.PlatformIo;

    public override int GetHashCode() => HashCode.Combine(Name, Core, CpuHz, SourcePath);

    public override string ToString() => $"{Name} ({Core})";
}
