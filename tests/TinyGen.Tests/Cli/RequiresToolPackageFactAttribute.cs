using TinyGen.Run;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Cli;

/// <summary>
/// A [Fact] that packs the built tool and installs it: skipped, saying why, when the dotnet SDK is not on
/// PATH or the CLI project has not been restored and built in this configuration (packing it then would
/// need a package restore, which may be impossible offline).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresToolPackageFactAttribute : FactAttribute
{
    public RequiresToolPackageFactAttribute()
    {
        if (ExecutableSearch.FindOnPath("dotnet") is null)
            Skip = "dotnet not found on PATH: packing and installing the tool needs the .NET SDK";
        else if (TestPaths.TryRepoRoot is null)
            Skip = "the tests do not run inside a checkout, so there is no CLI project to pack";
        else if (!File.Exists(ToolPackage.BuiltTool))
            Skip = $"the CLI is not built in this configuration ({ToolPackage.BuiltTool} is missing); packing it would need a package restore, which may be impossible offline";
        else if (!File.Exists(ToolPackage.RestoredAssets))
            Skip = $"the CLI project is not restored ({ToolPackage.RestoredAssets} is missing); restoring may be impossible offline";
    }
}

/// <summary>Where the CLI project and its build output for the tests' own configuration live.</summary>
internal static class ToolPackage
{
    /// <summary>Release or Debug: the folder above the test assembly's target-framework folder.</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Project => Path.Combine(TestPaths.RepoRoot, "generator", "TinyGen.Cli");

    public static string BuiltTool => Path.Combine(Project, "bin", Configuration, "net10.0", "tinygen.dll");

    public static string RestoredAssets => Path.Combine(Project, "obj", "project.assets.json");
}
