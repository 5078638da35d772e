namespace TinyGen.Tests.Frontends.Onnx;

/// <summary>Finds the shared models folder (TINYGEN_MODELS, else ../shared/models next to the repository).</summary>
internal static class OnnxTestModels
{
    public static string? Directory { get; } = Locate();

    public static string SkipReason =>
        "shared models not found: set TINYGEN_MODELS or place them in ../shared/models relative to the repository root";

    public static string PathOf(string relative) => Path.Combine(Directory ?? throw new InvalidOperationException(SkipReason), relative);

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TINYGEN_MODELS");
        if (!string.IsNullOrEmpty(fromEnv)) return System.IO.Directory.Exists(fromEnv) ? fromEnv : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TinyGen.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "models"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        return null;
    }
}

/// <summary>A fact that is skipped, saying why, when the shared models are absent.</summary>
public sealed class OnnxModelsFactAttribute : FactAttribute
{
    public OnnxModelsFactAttribute()
    {
        if (OnnxTestModels.Directory is null) Skip = OnnxTestModels.SkipReason;
    }
}
