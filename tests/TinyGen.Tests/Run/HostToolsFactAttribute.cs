using TinyGen.Run;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Run;

/// <summary>A fact that needs the host gcc and firmware/harness/host_main.c; skipped, saying which is missing, otherwise.</summary>
public sealed class HostToolsFactAttribute : FactAttribute
{
    public HostToolsFactAttribute()
    {
        if (HostToolsRequirement.Unmet(null) is { } reason) Skip = reason;
    }
}

/// <summary>The [Theory] form of <see cref="HostToolsFactAttribute"/>; with <c>modelsPath</c> also skipped when that shared model is absent.</summary>
public sealed class HostToolsTheoryAttribute : TheoryAttribute
{
    public HostToolsTheoryAttribute(string? modelsPath = null)
    {
        if (HostToolsRequirement.Unmet(modelsPath) is { } reason) Skip = reason;
    }
}

internal static class HostToolsRequirement
{
    public static string? Unmet(string? modelsPath) =>
        HostRunner.TryCreate(FirmwareTree.Product(), null, out var whyNot) is null ? whyNot
        : modelsPath is null ? null
        : ModelsRequirement.Unmet(modelsPath);
}
