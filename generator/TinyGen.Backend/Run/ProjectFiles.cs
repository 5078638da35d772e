using TinyGen.Diagnostics;
using TinyGen.Emit;

namespace TinyGen.Run;

/// <summary>Puts emitted files on disk for a build, replacing whatever an earlier build left in that folder.</summary>
public static class ProjectFiles
{
    public static void Write(IEnumerable<EmittedFile> files, string folder)
    {
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(folder, file.RelativePath));
            if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new TinyGenException($"internal: emitted path '{file.RelativePath}' leaves the build folder", ExitCodes.ToolError);
            if (File.Exists(path)) throw new TinyGenException($"internal: '{file.RelativePath}' is emitted twice", ExitCodes.ToolError);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }
}
