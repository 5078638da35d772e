namespace TinyGen.Run;

/// <summary>
/// Decides what one image is compiled from: the product's sources (cacheable, compiled with product headers
/// only) and the project's sources (compiled with the project's folders on the include path too). An emitted
/// project may carry its own copy of a kernel or harness file: an identical copy is served by the cached
/// product object, a different one replaces the product's file, so no symbol is ever defined twice.
/// </summary>
public sealed record BuildSources(IReadOnlyList<string> Product, IReadOnlyList<string> Project, IReadOnlyList<string> ProjectIncludeFolders)
{
    /// <param name="productSources">The product files this image needs (kernels and harness for firmware or host).</param>
    /// <param name="projectFolder">Every *.c below it is compiled; every folder holding a header is on the include path.</param>
    /// <param name="excludedFolder">A folder under the project not to search (the build output).</param>
    public static BuildSources Select(IReadOnlyList<string> productSources, string projectFolder, string? excludedFolder)
    {
        var projectFiles = FilesBelow(projectFolder, excludedFolder);
        var projectSources = projectFiles.Where(f => f.EndsWith(".c", StringComparison.Ordinal)).ToList();
        var productByName = productSources.ToDictionary(f => Path.GetFileName(f), StringComparer.Ordinal);

        var product = new List<string>(productSources);
        var project = new List<string>();
        foreach (var source in projectSources)
        {
            if (productByName.TryGetValue(Path.GetFileName(source), out var twin))
            {
                if (SameContent(source, twin)) continue;
                product.Remove(twin);
            }
            project.Add(source);
        }

        var includeFolders = projectFiles.Where(f => f.EndsWith(".h", StringComparison.Ordinal))
            .Select(f => Path.GetDirectoryName(f)!)
            .Prepend(Path.GetFullPath(projectFolder))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new BuildSources(product, project, includeFolders);
    }

    private static List<string> FilesBelow(string folder, string? excluded)
    {
        var skip = excluded is null ? null : Path.GetFullPath(excluded).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(Path.GetFullPath)
            .Where(f => skip is null || !f.StartsWith(skip, StringComparison.Ordinal))
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool SameContent(string a, string b) => File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
}
