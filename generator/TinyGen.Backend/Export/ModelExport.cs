using TinyGen.Emit;

namespace TinyGen.Export;

/// <summary>A compiled model and the project written for it in one export format.</summary>
public sealed record ModelExportResult(Compilation Compilation, EmittedProject Project);

/// <summary>
/// Compile, then arrange the project for a build tool: the export path of the one entry point.
/// Non-plain exports carry an example that checks itself against the reference interpreter.
/// </summary>
public static class ModelExport
{
    public static ModelExportResult Create(string modelPath, CompileOptions options, ExportFormat format, string? inputFile = null, int seed = 1)
    {
        if (format == ExportFormat.Plain)
        {
            var plain = Compiler.Compile(modelPath, options);
            return new ModelExportResult(plain, plain.Project);
        }
        var compilation = Compiler.Compile(modelPath, options with { IncludeHarness = true });
        var example = ExampleData.For(compilation.Lowered, inputFile, seed);
        return new ModelExportResult(compilation, ProjectExporter.Export(compilation, format, example));
    }
}
