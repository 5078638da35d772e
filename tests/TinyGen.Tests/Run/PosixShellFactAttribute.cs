using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>A fact that runs /bin/sh scripts; skipped where no POSIX shell is on PATH.</summary>
public sealed class PosixShellFactAttribute : FactAttribute
{
    public PosixShellFactAttribute()
    {
        if (ExecutableSearch.FindOnPath("sh") is null) Skip = "no POSIX shell (sh) on PATH";
    }
}
