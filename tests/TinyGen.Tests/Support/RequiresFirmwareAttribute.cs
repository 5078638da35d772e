using TinyGen.Run;

namespace TinyGen.Tests.Support;

/// <summary>
/// A [Theory] that builds firmware and runs it in QEMU: skipped, saying what to install, when
/// arm-none-eabi-gcc or qemu-system-arm is missing; with <c>modelsPath</c> also skipped when that
/// shared model (relative to TINYGEN_MODELS) is absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresFirmwareTheoryAttribute : TheoryAttribute
{
    public RequiresFirmwareTheoryAttribute(string? modelsPath = null)
    {
        if (FirmwareRequirement.Unmet(modelsPath) is { } reason) Skip = reason;
    }
}

/// <summary>The [Fact] form of <see cref="RequiresFirmwareTheoryAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresFirmwareFactAttribute : FactAttribute
{
    public RequiresFirmwareFactAttribute(string? modelsPath = null)
    {
        if (FirmwareRequirement.Unmet(modelsPath) is { } reason) Skip = reason;
    }
}

internal static class FirmwareRequirement
{
    public static string? Unmet(string? modelsPath)
    {
        if (Toolchain.TryLocate(out var missing) is null) return missing;
        return modelsPath is null ? null : ModelsRequirement.Unmet(modelsPath);
    }
}
