using TinyGen.Emit;
using TinyGen.Export;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Run;
using TinyGen.Tests.Backend;

namespace TinyGen.Tests.Export;

/// <summary>
/// A bundled example model exported in one format into a temp folder (removed on dispose), and the
/// ways the export tests build what was written: the exact file layout, include paths and defines
/// the target build tool uses, compiled with arm-none-eabi-gcc.
/// </summary>
internal sealed class ExportFixture : IDisposable
{
    private readonly TempFolder temp = new();

    public ExportFixture(string board, ExportFormat format, string example = "tiny-cnn", string name = "kws", KernelLibrary kernels = KernelLibrary.TinyGen)
    {
        var model = Path.Combine(temp.Path, name + ".onnx");
        File.WriteAllBytes(model, example == "ds-cnn" ? ExampleModels.DsCnn(2) : ExampleModels.TinyCnn(2));
        Result = ModelExport.Create(model, new CompileOptions { Board = board, Kernels = kernels }, format);
        Folder = Path.Combine(temp.Path, "export");
        Result.Project.WriteTo(Folder);
        // The oracle: the reference interpreter run independently of the exporter, on the same seeded input.
        Example = ExampleData.For(Result.Compilation.Lowered);
    }

    public ModelExportResult Result { get; }
    public ExampleData Example { get; }
    public string Folder { get; }
    public string Stem => Result.Project.SymbolPrefix["tg_".Length..];
    public string Scratch => temp.Path;

    public string Path_(params string[] parts) => Path.Combine([Folder, .. parts]);

    public string Read(params string[] parts) => File.ReadAllText(Path_(parts));

    public IReadOnlyList<string> CFlagsOfBoard => Result.Compilation.Board.CFlags;

    /// <summary>Compiles one file with arm-none-eabi-gcc (C, or C++ for .cpp/.ino) into <paramref name="objectFolder"/>; fails the test with the compiler's output.</summary>
    public string Compile(string source, IEnumerable<string> includeFolders, string objectFolder, IEnumerable<string>? defines = null)
    {
        Directory.CreateDirectory(objectFolder);
        var cxx = source.EndsWith(".cpp", StringComparison.Ordinal) || source.EndsWith(".ino", StringComparison.Ordinal);
        var obj = Path.Combine(objectFolder, Path.GetFileName(source) + ".o");
        var args = new List<string>(CFlagsOfBoard) { "-O2", "-Wall", "-Wextra", "-Werror", "-ffunction-sections", "-fdata-sections" };
        args.AddRange(cxx ? ["-x", "c++", "-std=gnu++17", "-fno-exceptions", "-fno-rtti"] : ["-std=gnu11"]);
        args.AddRange(includeFolders.Select(f => "-I" + f));
        args.AddRange((defines ?? []).Select(d => "-D" + d));
        args.AddRange(["-c", source, "-o", obj]);
        var run = ProcessRunner.Run("arm-none-eabi-gcc", args, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"arm-none-eabi-gcc rejected {source}:\n{run.CombinedOutput}");
        return obj;
    }

    /// <summary>Links objects with newlib-nano (no board script: the build tools bring their own); fails on any undefined symbol.</summary>
    public string Link(IEnumerable<string> objects, string elf)
    {
        var args = new List<string>(CFlagsOfBoard) { "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections" };
        args.AddRange(objects);
        args.AddRange(["-o", elf]);
        var run = ProcessRunner.Run("arm-none-eabi-gcc", args, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"linking {elf} failed:\n{run.CombinedOutput}");
        return elf;
    }

    public void Dispose() => temp.Dispose();
}
