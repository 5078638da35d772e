using TinyGen.Diagnostics;

namespace TinyGen.Boards;

/// <summary>
/// Finds the product's data folders (templates/, firmware/, boards/). The packed tool carries them
/// next to its assembly; a developer build finds them at the root of the checkout (the folder
/// holding TinyGen.sln) above the build output.
/// </summary>
public static class ProductPaths
{
    public static string Templates => Locate("templates");
    public static string Firmware => Locate("firmware");
    public static string Boards => Locate("boards");

    /// <summary>The absolute path of the product folder <paramref name="name"/>, or a clear error.</summary>
    public static string Locate(string name) => TryLocate(name) ?? throw new TinyGenException(
        $"cannot find the '{name}' folder: looked in {Path.Combine(AppContext.BaseDirectory, name)} and above it for a folder holding TinyGen.sln; reinstall the tool",
        ExitCodes.ToolError);

    public static string? TryLocate(string name)
    {
        // TINYGEN_HOME points at a checkout or an unpacked tool, for embedding TinyGen elsewhere
        if (Environment.GetEnvironmentVariable("TINYGEN_HOME") is { Length: > 0 } home && Directory.Exists(Path.Combine(home, name)))
            return Path.GetFullPath(Path.Combine(home, name));
        var beside = Path.Combine(AppContext.BaseDirectory, name);
        if (Directory.Exists(beside)) return Path.GetFullPath(beside);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TinyGen.sln")))
            {
                var candidate = Path.Combine(dir.FullName, name);
                return Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }
}
