using TinyGen.Boards;
using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>
/// The product's C side on disk (firmware/: kernels, the kernel contract headers, the harness). Which
/// product files make up a firmware or host image is decided here and nowhere else.
/// </summary>
public sealed record FirmwareTree(string FirmwareFolder)
{
    /// <summary>The host harness main: stdio instead of startup, UART and SysTick (see <see cref="HostRunner"/>).</summary>
    public const string HostHarnessFile = "host_main.c";

    /// <summary>Harness files that exist only for bare metal: vector table and reset, UART driver, SysTick counter.</summary>
    private static readonly HashSet<string> BareMetalOnly = new(StringComparer.Ordinal) { "startup.c", "tg_uart.c", "tg_icount.c" };

    public static FirmwareTree Product() => new(ProductPaths.Firmware);

    public string IncludeFolder => Path.Combine(FirmwareFolder, "include");
    public string KernelsFolder => Path.Combine(FirmwareFolder, "kernels");
    public string HarnessFolder => Path.Combine(FirmwareFolder, "harness");

    public IReadOnlyList<string> IncludeFolders => [IncludeFolder, HarnessFolder];

    public IReadOnlyList<string> KernelSources() => CFiles(KernelsFolder);

    /// <summary>Startup, UART, instruction counter and harness main for a bare-metal image.</summary>
    public IReadOnlyList<string> FirmwareHarnessSources() =>
        CFiles(HarnessFolder).Where(f => Path.GetFileName(f) != HostHarnessFile).ToList();

    /// <summary>harness.c plus the host replacements for the bare-metal services.</summary>
    public IReadOnlyList<string> HostHarnessSources() =>
        CFiles(HarnessFolder).Where(f => !BareMetalOnly.Contains(Path.GetFileName(f))).ToList();

    public bool HasHostHarness => File.Exists(Path.Combine(HarnessFolder, HostHarnessFile));

    /// <summary>Every *.c directly in <paramref name="folder"/>, by name, as absolute paths.</summary>
    public static IReadOnlyList<string> CFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.c").Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList()
            : throw new TinyGenException($"folder '{folder}' does not exist", ExitCodes.ToolError);
}
