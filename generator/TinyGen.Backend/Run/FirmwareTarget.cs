using TinyGen.Boards;

namespace TinyGen.Run;

/// <summary>
/// What the runner needs to know about a board: how to compile and link for it and how QEMU boots it.
/// A narrow view of <see cref="Board"/>, so building and running can also be driven without a catalog.
/// </summary>
/// <param name="Name">The board's name, for messages.</param>
/// <param name="CoreFlags">Core flags for every compile and the link (-mcpu, -mfpu, -mfloat-abi, -mthumb).</param>
/// <param name="CpuHz">Core clock: TG_CPU_HZ for the UART divisor and the SysTick instruction counter.</param>
/// <param name="UartBase">Base address of the CMSDK UART the harness prints on: TG_UART_BASE.</param>
/// <param name="LinkerScriptPath">The board's linker script; its folder is also the -L folder for the shared section layout it INCLUDEs.</param>
/// <param name="StackBytes">Stack the linker reserves (__tg_stack_size); 0 keeps the script's default.</param>
/// <param name="QemuMachine">QEMU -M value; empty when QEMU has no model of the board.</param>
/// <param name="QemuCpu">QEMU -cpu value, or null for the machine's default core.</param>
public sealed record FirmwareTarget(
    string Name,
    IReadOnlyList<string> CoreFlags,
    ulong CpuHz,
    ulong UartBase,
    string LinkerScriptPath,
    ulong StackBytes,
    string QemuMachine,
    string? QemuCpu = null)
{
    /// <summary>The UART register layout the harness prints on (<see cref="UartKinds"/>).</summary>
    public string Uart { get; init; } = UartKinds.Cmsdk;

    /// <summary>Extra preprocessor symbols for every compile, e.g. TG_LAYER_COUNTS for measurement builds.</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    public static FirmwareTarget FromBoard(Board board) => new(
        board.Name,
        board.CFlags,
        board.CpuHz,
        board.UartBase,
        board.LinkerScriptPath,
        board.StackSize,
        board.Qemu?.Machine ?? "",
        // YAML "cpu: null" means the machine's default core.
        string.IsNullOrWhiteSpace(board.Qemu?.Cpu) || board.Qemu.Cpu == "null" ? null : board.Qemu.Cpu)
    {
        Uart = board.Uart,
    };
}
