using TinyGen.Run;

namespace TinyGen.Tests.Export;

/// <summary>A [Fact] that runs Renode headless; skipped, saying so, when renode, cmake or arm-none-eabi-gcc is not on PATH (Renode is not installable on these machines).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresRenodeFactAttribute : FactAttribute
{
    public RequiresRenodeFactAttribute()
    {
        var missing = new[] { "renode", "cmake", "arm-none-eabi-gcc" }.Where(p => ExecutableSearch.FindOnPath(p) is null).ToList();
        if (missing.Count > 0) Skip = $"{string.Join(" and ", missing)} not found on PATH; Renode is served by no package registry reachable here (see shared/notes/renode.md), so the generated .resc/.robot are checked for structure only";
    }
}
