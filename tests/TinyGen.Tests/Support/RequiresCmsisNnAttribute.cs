using TinyGen.Diagnostics;
using TinyGen.Run;

namespace TinyGen.Tests.Support;

/// <summary>
/// A [Theory] that builds firmware against CMSIS-NN (--kernels cmsis-nn) and runs it in QEMU: skipped,
/// saying why, when CMSIS_NN_ROOT does not name a CMSIS-NN checkout or the firmware tools are missing.
/// TinyGen ships no CMSIS-NN, so these tests run only where someone provides one.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresCmsisNnTheoryAttribute : TheoryAttribute
{
    public RequiresCmsisNnTheoryAttribute(string? modelsPath = null)
    {
        if (CmsisNnRequirement.Unmet(modelsPath) is { } reason) Skip = reason;
    }
}

/// <summary>The [Fact] form of <see cref="RequiresCmsisNnTheoryAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresCmsisNnFactAttribute : FactAttribute
{
    public RequiresCmsisNnFactAttribute(string? modelsPath = null)
    {
        if (CmsisNnRequirement.Unmet(modelsPath) is { } reason) Skip = reason;
    }
}

internal static class CmsisNnRequirement
{
    public static string? Unmet(string? modelsPath)
    {
        try
        {
            if (CmsisNnLibrary.FromEnvironment() is null)
                return $"{CmsisNnLibrary.RootVariable} is not set: point it at a CMSIS-NN checkout (Include/, Source/) to test --kernels cmsis-nn";
        }
        catch (TinyGenException e)
        {
            return e.Message;
        }
        return FirmwareRequirement.Unmet(modelsPath);
    }
}
