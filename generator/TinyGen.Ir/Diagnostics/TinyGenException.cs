namespace TinyGen.Diagnostics;

/// <summary>
/// The one error type users see. Raised where the fault is found, with a message that names the
/// node, op or field; the CLI prints the message alone and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class TinyGenException : Exception
{
    public TinyGenException(string message, int exitCode = ExitCodes.UserError, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    public int ExitCode { get; }
}

/// <summary>Process exit codes, documented in the README; scripts depend on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Firmware ran but its outputs differ from the reference interpreter.</summary>
    public const int Mismatch = 1;
    /// <summary>Bad model, bad option, unsupported op, over budget.</summary>
    public const int UserError = 2;
    /// <summary>A required tool (arm-none-eabi-gcc, qemu-system-arm) is missing or failed.</summary>
    public const int ToolError = 3;
    /// <summary>The firmware crashed, hung or printed something unreadable.</summary>
    public const int FirmwareError = 4;
    /// <summary>A bug in TinyGen itself; the message asks for a report.</summary>
    public const int InternalError = 5;
}
