using TinyGen.Run;

namespace TinyGen.Tests.Cli;

/// <summary>A [Fact] that renders HTML in headless Chromium; skipped, saying so, without chromium on PATH.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        if (new[] { "chromium", "chromium-browser" }.All(p => ExecutableSearch.FindOnPath(p) is null))
            Skip = "chromium not found on PATH (apt-get install chromium: an 81 MB download, 290 MB installed, so setup.sh leaves it out)";
    }
}
