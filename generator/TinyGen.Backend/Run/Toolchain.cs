using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>
/// The external programs the firmware path needs: the Arm cross compiler (and its size tool) to build,
/// QEMU to run. Located on PATH once, so a missing tool is reported before any work starts.
/// </summary>
public sealed record Toolchain(string ArmGcc, string ArmSize, string Qemu)
{
    public const string ArmGccName = "arm-none-eabi-gcc";
    public const string ArmSizeName = "arm-none-eabi-size";
    public const string QemuName = "qemu-system-arm";

    private static readonly (string Program, string AptPackage)[] Required =
    [
        (ArmGccName, "gcc-arm-none-eabi"),
        (ArmSizeName, "binutils-arm-none-eabi"),
        (QemuName, "qemu-system-arm"),
    ];

    /// <summary>Finds every tool or throws a ToolError that names each missing program and its Debian/Ubuntu package.</summary>
    public static Toolchain Locate()
    {
        var toolchain = TryLocate(out var missing);
        return toolchain ?? throw new TinyGenException(missing!, ExitCodes.ToolError);
    }

    /// <summary>Finds every tool; when one is missing returns null and says what to install (for tests that skip).</summary>
    public static Toolchain? TryLocate(out string? whatIsMissing) => TryLocate(ExecutableSearch.FindOnPath, out whatIsMissing);

    /// <param name="findProgram">Maps a program name to its path, or null when absent.</param>
    public static Toolchain? TryLocate(Func<string, string?> findProgram, out string? whatIsMissing)
    {
        var found = Required.Select(r => (r.Program, r.AptPackage, Path: findProgram(r.Program))).ToList();
        var absent = found.Where(f => f.Path is null).ToList();
        if (absent.Count > 0)
        {
            whatIsMissing =
                $"{string.Join(", ", absent.Select(a => a.Program))} not found on PATH; install it with " +
                $"'apt-get install {string.Join(' ', absent.Select(a => a.AptPackage).Distinct())}'";
            return null;
        }
        whatIsMissing = null;
        return new Toolchain(found[0].Path!, found[1].Path!, found[2].Path!);
    }
}
