namespace TinyGen.Run;

/// <summary>A completed firmware run: its exit status and what it printed (UART on stdout, semihosting and QEMU on stderr).</summary>
public sealed record FirmwareRun(int ExitCode, string Output, string Diagnostics, TimeSpan Elapsed);
