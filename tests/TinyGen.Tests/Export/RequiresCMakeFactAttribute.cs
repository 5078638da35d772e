using TinyGen.Run;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Export;

/// <summary>
/// A [Fact] that configures and builds a CMake export with the Arm toolchain (and with <c>qemu</c>
/// runs the result; with <c>cmsisNn</c> builds against the CMSIS-NN checkout CMSIS_NN_ROOT names); skipped,
/// saying what to install or set, when cmake, arm-none-eabi-gcc, QEMU or the checkout is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresCMakeFactAttribute : FactAttribute
{
    public RequiresCMakeFactAttribute(bool qemu = false, bool cmsisNn = false)
    {
        if (cmsisNn && CmsisNnRequirement.Unmet(null) is { } reason)
        {
            Skip = reason;
            return;
        }
        string[] tools = qemu ? ["cmake", "arm-none-eabi-gcc", "qemu-system-arm"] : ["cmake", "arm-none-eabi-gcc"];
        var missing = tools.Where(p => ExecutableSearch.FindOnPath(p) is null).ToList();
        if (missing.Count > 0) Skip = $"{string.Join(" and ", missing)} not found on PATH (apt-get install cmake gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm)";
    }
}
