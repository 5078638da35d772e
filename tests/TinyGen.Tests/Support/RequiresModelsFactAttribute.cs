namespace TinyGen.Tests.Support;

/// <summary>
/// A [Fact] that is skipped, saying where it looked, when the shared models folder
/// (<see cref="TestPaths.ModelsDir"/>) is absent. Pass <c>relativePath</c> to also require one
/// file or folder inside it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresModelsFactAttribute : FactAttribute
{
    public RequiresModelsFactAttribute(string? relativePath = null)
    {
        if (ModelsRequirement.Unmet(relativePath) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The [Theory] form of <see cref="RequiresModelsFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresModelsTheoryAttribute : TheoryAttribute
{
    public RequiresModelsTheoryAttribute(string? relativePath = null)
    {
        if (ModelsRequirement.Unmet(relativePath) is { } reason)
        {
            Skip = reason;
        }
    }
}

internal static class ModelsRequirement
{
    /// <summary>Null when the models (and the optional path inside them) exist, else the skip reason.</summary>
    public static string? Unmet(string? relativePath)
    {
        if (!TestPaths.ModelsAvailable(out var whyNot))
        {
            return whyNot;
        }

        if (relativePath is null)
        {
            return null;
        }

        var full = Path.Combine(TestPaths.ModelsDir, relativePath);
        return File.Exists(full) || Directory.Exists(full)
            ? null
            : $"Shared model {relativePath} not found at {full}.";
    }
}
