using System.Globalization;
using TinyGen.Boards;
using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>
/// Boots an image in qemu-system-arm with the UART on stdout, semihosting for the exit status and
/// -icount shift=0 so the SysTick instruction counter is deterministic. A hang ends at the time limit
/// (the process tree is killed) and a fault exit are FirmwareErrors; any other exit status is returned
/// for the caller to interpret against the harness output.
/// </summary>
public sealed class QemuRunner(Toolchain toolchain)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<string> Arguments(FirmwareTarget target, string elf)
    {
        var arguments = new List<string> { "-M", target.QemuMachine };
        if (target.QemuCpu is not null) arguments.AddRange(["-cpu", target.QemuCpu]);
        arguments.AddRange([
            "-display", "none",
            "-monitor", "none",
            "-serial", "stdio",
            "-semihosting-config", "enable=on,target=native",
            "-icount", "shift=0",
            "-kernel", elf,
        ]);
        return arguments;
    }

    /// <summary>A board QEMU does not model is a user error, found before anything is built.</summary>
    public static void RequireMachine(FirmwareTarget target)
    {
        if (target.QemuMachine.Length == 0)
            throw new TinyGenException(
                $"board {target.Name} cannot run in QEMU (QEMU has no model of it); compile or export for it, or run on a board 'tinygen boards' marks as QEMU-runnable",
                ExitCodes.UserError);
    }

    public FirmwareRun Run(string elf, FirmwareTarget target, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        if (!File.Exists(elf)) throw new TinyGenException($"firmware image '{elf}' does not exist", ExitCodes.ToolError);
        RequireMachine(target);
        var run = ProcessRunner.Run(toolchain.Qemu, Arguments(target, elf), limit);
        if (run.TimedOut)
            throw new TinyGenException(
                $"firmware did not finish within {limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s on {target.QemuMachine}{Printed(run)}",
                ExitCodes.FirmwareError);
        if (FaultExit.IsFault(run.ExitCode))
            throw new TinyGenException($"firmware crashed on {target.QemuMachine}: {FaultExit.Describe(run.ExitCode)}{Printed(run)}", ExitCodes.FirmwareError);
        return new FirmwareRun(run.ExitCode, run.StandardOutput, run.StandardError, run.Elapsed);
    }

    public FirmwareRun Run(string elf, Board board, TimeSpan? timeout = null) => Run(elf, FirmwareTarget.FromBoard(board), timeout);

    public FirmwareResult RunHarness(string elf, Board board, TimeSpan? timeout = null) => RunHarness(elf, FirmwareTarget.FromBoard(board), timeout);

    /// <summary>Runs and reads the harness report; a failed invoke (exit 1, non-zero TG_STATUS) is a FirmwareError too.</summary>
    public FirmwareResult RunHarness(string elf, FirmwareTarget target, TimeSpan? timeout = null)
    {
        var run = Run(elf, target, timeout);
        return HarnessVerdict.Check(run, $"on {target.QemuMachine}");
    }

    private static string Printed(ProcessOutcome run)
    {
        var text = run.CombinedOutput.Trim();
        if (text.Length == 0) return "";
        var lines = text.Replace("\r", "").Split('\n');
        return "; last output:\n" + string.Join('\n', lines.TakeLast(10));
    }
}
