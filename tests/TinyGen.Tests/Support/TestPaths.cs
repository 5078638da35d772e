namespace TinyGen.Tests.Support;

/// <summary>
/// Locations tests need: the repository root (found by walking up from the test assembly to
/// TinyGen.sln, so tests work from any output folder) and the shared real-model folder.
/// </summary>
public static class TestPaths
{
    public const string ModelsEnvironmentVariable = "TINYGEN_MODELS";

    private static readonly Lazy<string?> repoRoot = new(FindRepoRoot);

    /// <summary>The folder holding TinyGen.sln; throws if the tests run outside a checkout.</summary>
    public static string RepoRoot =>
        repoRoot.Value ?? throw new InvalidOperationException(
            $"Could not find TinyGen.sln in any parent of {AppContext.BaseDirectory}.");

    /// <summary>The folder holding TinyGen.sln, or null when there is none above the test assembly.</summary>
    public static string? TryRepoRoot => repoRoot.Value;

    /// <summary>
    /// The shared models folder: $TINYGEN_MODELS when set, else ../shared/models next to the repo root.
    /// The path may not exist; use <see cref="ModelsAvailable"/> or <see cref="RequiresModelsFactAttribute"/>.
    /// </summary>
    public static string ModelsDir
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(ModelsEnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return Path.GetFullPath(fromEnvironment);
            }

            var root = TryRepoRoot ?? AppContext.BaseDirectory;
            return Path.GetFullPath(Path.Combine(root, "..", "shared", "models"));
        }
    }

    /// <summary>True when <see cref="ModelsDir"/> exists; otherwise <paramref name="whyNot"/> says where it looked.</summary>
    public static bool ModelsAvailable(out string whyNot)
    {
        var dir = ModelsDir;
        if (Directory.Exists(dir))
        {
            whyNot = "";
            return true;
        }

        whyNot = $"Shared models not found at {dir} (set {ModelsEnvironmentVariable} to the models folder).";
        return false;
    }

    /// <summary>A path inside <see cref="ModelsDir"/>, e.g. ModelPath("onnx-node-tests", "test_qlinearconv").</summary>
    public static string ModelPath(params string[] parts) =>
        Path.Combine([ModelsDir, .. parts]);

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TinyGen.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
