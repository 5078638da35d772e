using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>A fact that needs arm-none-eabi-gcc and qemu-system-arm; skipped, saying what to install, where they are absent.</summary>
public sealed class FirmwareToolsFactAttribute : FactAttribute
{
    public FirmwareToolsFactAttribute()
    {
        if (Toolchain.TryLocate(out var missing) is null) Skip = missing;
    }
}

/// <summary>The theory form of <see cref="FirmwareToolsFactAttribute"/>.</summary>
public sealed class FirmwareToolsTheoryAttribute : TheoryAttribute
{
    public FirmwareToolsTheoryAttribute()
    {
        if (Toolchain.TryLocate(out var missing) is null) Skip = missing;
    }
}
