using TinyGen.Diagnostics;
using TinyGen.Emit;

namespace TinyGen.Export;

/// <summary>The files of a compiled (harness) project sorted by role, for the exporters to place.</summary>
internal sealed class ProjectParts
{
    public ProjectParts(Compilation compilation)
    {
        var project = compilation.Project;
        Stem = project.SymbolPrefix["tg_".Length..];
        EmittedFile Required(string path) =>
            project.Files.FirstOrDefault(f => f.RelativePath == path) ?? throw new TinyGenException($"internal: the compiled project has no {path}", ExitCodes.InternalError);
        List<EmittedFile> Under(string folder) => project.Files.Where(f => f.RelativePath.StartsWith(folder, StringComparison.Ordinal)).ToList();
        Source = Required($"{Stem}.c");
        Header = Required($"{Stem}.h");
        Glue = Required(CEmitter.GlueFileName);
        Headers = Under("include/");
        Kernels = Under("kernels/");
        Harness = Under("harness/");
        LinkerScripts = Under("board/");
    }

    /// <summary>The model's file stem: &lt;stem&gt;.c, &lt;stem&gt;.h, tg_&lt;stem&gt;_invoke().</summary>
    public string Stem { get; }
    public EmittedFile Source { get; }
    public EmittedFile Header { get; }
    public EmittedFile Glue { get; }
    /// <summary>The kernels' contract headers (include/).</summary>
    public IReadOnlyList<EmittedFile> Headers { get; }
    public IReadOnlyList<EmittedFile> Kernels { get; }
    public IReadOnlyList<EmittedFile> Harness { get; }
    public IReadOnlyList<EmittedFile> LinkerScripts { get; }
}
