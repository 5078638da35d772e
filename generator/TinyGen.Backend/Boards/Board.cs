using System.Collections.Immutable;

namespace TinyGen.Boards;

/// <summary>Where flash and RAM sit in the board's address space and how large they are.</summary>
public sealed record BoardMemory(ulong FlashOrigin, ulong FlashSize, ulong RamOrigin, ulong RamSize);

/// <summary>How much of the memory a model may use: weights and code in flash, arena in SRAM.</summary>
public sealed record BoardBudget(ulong Flash, ulong Sram);

/// <summary>The QEMU machine that emulates the board, and a -cpu override when the machine's default core is not the right one.</summary>
public sealed record QemuTarget(string Machine, string? Cpu);

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
    QemuTarget Qemu,
    ulong StackSize,
    string SourcePath)
{
    /// <summary>The board's folder (boards/); <see cref="LinkerScript"/> is relative to it.</summary>
    public string BoardsDirectory => Path.GetDirectoryName(SourcePath) ?? ".";

    public string LinkerScriptPath => Path.GetFullPath(Path.Combine(BoardsDirectory, LinkerScript));

    public bool Equals(Board? other) =>
        other is not null && Name == other.Name && Description == other.Description && Core == other.Core &&
        Fpu == other.Fpu && Dsp == other.Dsp && Mve == other.Mve && CFlags.SequenceEqual(other.CFlags) &&
        CpuHz == other.CpuHz && UartBase == other.UartBase && Memory == other.Memory && Budget == other.Budget &&
        LinkerScript == other.LinkerScript && Qemu == other.Qemu && StackSize == other.StackSize && SourcePath == other.SourcePath;

    public override int GetHashCode() => HashCode.Combine(Name, Core, CpuHz, SourcePath);

    public override string ToString() => $"{Name} ({Core})";
}
