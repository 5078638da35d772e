using TinyGen.Tests.Oracles;

namespace TinyGen.Tests.Support;

/// <summary>
/// A [Fact] that is skipped, saying why, when the onnxruntime oracle cannot run (node missing, or
/// tests/oracle not installed with `cd tests/oracle &amp;&amp; ONNXRUNTIME_NODE_INSTALL=skip npm ci`).
/// Most oracle tests also need models: pass <c>modelsPath</c> (relative to the models folder) to
/// require that too.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresOnnxRuntimeFactAttribute : FactAttribute
{
    public RequiresOnnxRuntimeFactAttribute(string? modelsPath = null)
    {
        if (OnnxRuntimeRequirement.Unmet(modelsPath) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The [Theory] form of <see cref="RequiresOnnxRuntimeFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresOnnxRuntimeTheoryAttribute : TheoryAttribute
{
    public RequiresOnnxRuntimeTheoryAttribute(string? modelsPath = null)
    {
        if (OnnxRuntimeRequirement.Unmet(modelsPath) is { } reason)
        {
            Skip = reason;
        }
    }
}

internal static class OnnxRuntimeRequirement
{
    public static string? Unmet(string? modelsPath)
    {
        if (!OnnxRuntimeOracle.IsAvailable(out var whyNot))
        {
            return whyNot;
        }

        return modelsPath is null ? null : ModelsRequirement.Unmet(modelsPath);
    }
}
