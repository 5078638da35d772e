using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Emit;
using TinyGen.Tests.Backend;

namespace TinyGen.Tests.Hardening;

/// <summary>
/// Output goes to a staging folder and is moved into place only when complete, an earlier project is kept
/// when writing fails midway, and no name from a model (which becomes file names) can leave the output folder.
/// </summary>
public sealed class OutputSafetyTests
{
    [Fact]
    public void A_write_that_fails_midway_leaves_the_previous_project_untouched_and_no_staging_folder()
    {
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.HostBoard, BackendTestGraphs.Options());
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "out");
        project.WriteTo(target);
        var before = Snapshot(target);

        // The injected failure: after most files are written, a file must go below "Makefile", which is a file.
        var broken = project with { Files = project.Files.Add(new EmittedFile("Makefile/oops.c", "int x;\n")) };
        var error = Assert.Throws<TinyGenException>(() => broken.WriteTo(target));

        Assert.Equal(ExitCodes.UserError, error.ExitCode);
        Assert.Contains("cannot write the project", error.Message);
        Assert.Equal(before, Snapshot(target));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_first_write_leaves_no_folder_at_all()
    {
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.HostBoard, BackendTestGraphs.Options());
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "fresh");
        var broken = project with { Files = project.Files.Add(new EmittedFile("Makefile/oops.c", "int x;\n")) };

        Assert.Throws<TinyGenException>(() => broken.WriteTo(target));

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_folder_holding_only_a_file_named_like_the_marker_elsewhere_is_still_foreign()
    {
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.HostBoard, BackendTestGraphs.Options());
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "mine");
        Directory.CreateDirectory(Path.Combine(target, "sub"));
        File.WriteAllText(Path.Combine(target, "sub", EmittedProject.MarkerFileName), "");
        File.WriteAllText(Path.Combine(target, "notes.txt"), "keep");

        Assert.Throws<TinyGenException>(() => project.WriteTo(target));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(target, "notes.txt")));
    }

    [Theory]
    [InlineData("../../escaped")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\..\\windows")]
    [InlineData("a\0b/../../c")]
    [InlineData("~/.bashrc")]
    [InlineData("..")]
    [InlineData("")]
    public void Model_names_never_make_a_path_that_leaves_the_output_folder(string modelName)
    {
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(modelName), BackendTestGraphs.HostBoard,
            BackendTestGraphs.Options() with { ModelName = modelName });
        foreach (var file in project.Files)
        {
            Assert.False(Path.IsPathRooted(file.RelativePath), file.RelativePath);
            Assert.DoesNotContain("..", file.RelativePath.Split('/'));
            Assert.DoesNotContain('\0', file.RelativePath);
            Assert.DoesNotContain('\\', file.RelativePath);
        }
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "out");
        project.WriteTo(target);
        Assert.Equal(project.Files.Length, Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count());
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    private static ImmutableSortedDictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToImmutableSortedDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText, StringComparer.Ordinal);
}
