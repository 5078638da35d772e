using TinyGen.Run;

namespace TinyGen.Tests.Export;

/// <summary>A [Fact] that builds and runs C and C++ on the host; skipped, saying what to install, without gcc and g++.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresHostCxxFactAttribute : FactAttribute
{
    public RequiresHostCxxFactAttribute()
    {
        var missing = new[] { "gcc", "g++" }.Where(p => ExecutableSearch.FindOnPath(p) is null).ToList();
        if (missing.Count > 0) Skip = $"{string.Join(" and ", missing)} not found on PATH (apt-get install gcc g++)";
    }
}
