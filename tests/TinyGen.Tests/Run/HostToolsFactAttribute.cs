using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>A fact that needs the host gcc and firmware/harness/host_main.c; skipped, saying which is missing, otherwise.</summary>
public sealed class HostToolsFactAttribute : FactAttribute
{
    public HostToolsFactAttribute()
    {
        if (HostRunner.TryCreate(FirmwareTree.Product(), null, out var whyNot) is null) Skip = whyNot;
    }
}
