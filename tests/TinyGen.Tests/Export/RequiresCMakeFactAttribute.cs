using TinyGen.Run;

namespace TinyGen.Tests.Export;

/// <summary>
/// A [Fact] that configures and builds a CMake export with the Arm toolchain (and with <c>qemu</c>
/// runs the result); skipped, saying what to install, when cmake, arm-none-eabi-gcc or QEMU is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresCMakeFactAttribute : FactAttribute
{
    public RequiresCMakeFactAttribute(bool qemu = false)
    {
        string[] tools = qemu ? ["cmake", "arm-none-eabi-gcc", "qemu-system-arm"] : ["cmake", "arm-none-eabi-gcc"];
        var missing = tools.Where(p => ExecutableSearch.FindOnPath(p) is null).ToList();
        if (missing.Count > 0) Skip = $"{string.Join(" and ", missing)} not found on PATH (apt-get install cmake gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm)";
    }
}
