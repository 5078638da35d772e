namespace TinyGen.Run;

/// <summary>
/// Names the exit statuses of a crashed image. The startup code exits with 0x80 | IPSR from every fault
/// handler, so the low bits are the Cortex-M exception number.
/// </summary>
public static class FaultExit
{
    public const int FaultBit = 0x80;

    public static bool IsFault(int exitCode) => exitCode >= FaultBit;

    public static string Describe(int exitCode)
    {
        var name = (exitCode & 0x7F) switch
        {
            2 => "NMI",
            3 => "HardFault",
            4 => "MemManage fault",
            5 => "BusFault",
            6 => "UsageFault",
            7 => "SecureFault",
            11 => "SVCall",
            12 => "DebugMonitor",
            14 => "PendSV",
            15 => "SysTick",
            var n when n >= 16 => $"interrupt {n - 16}",
            var n => $"exception {n}",
        };
        // 134 is also what a process killed by SIGABRT reports, e.g. QEMU aborting on a BKPT without semihosting.
        var abort = exitCode == 134 ? " (or QEMU itself aborted)" : "";
        return $"{name}, exit status {exitCode}{abort}";
    }
}
