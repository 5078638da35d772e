using TinyGen.Run;

namespace TinyGen.Tests.Run;

public class BuildSourcesTests
{
    [Fact]
    public void Project_copies_of_product_files_never_define_a_symbol_twice()
    {
        var root = RunTestSupport.ScratchFolder("sources");
        var product = Path.Combine(root, "firmware");
        var project = Path.Combine(root, "project");
        Directory.CreateDirectory(product);
        Directory.CreateDirectory(Path.Combine(project, "kernels"));
        Directory.CreateDirectory(Path.Combine(project, "include"));
        Directory.CreateDirectory(Path.Combine(project, "out", "obj"));
        string Write(string path, string text) { File.WriteAllText(path, text); return Path.GetFullPath(path); }

        var same = Write(Path.Combine(product, "tg_same.c"), "int same;");
        var changed = Write(Path.Combine(product, "tg_changed.c"), "int changed;");
        var untouched = Write(Path.Combine(product, "tg_untouched.c"), "int untouched;");
        Write(Path.Combine(project, "kernels", "tg_same.c"), "int same;");
        var changedCopy = Write(Path.Combine(project, "kernels", "tg_changed.c"), "int changed = 1;");
        var model = Write(Path.Combine(project, "model.c"), "int model;");
        Write(Path.Combine(project, "include", "tg_nn.h"), "");
        Write(Path.Combine(project, "out", "obj", "stale.c"), "int stale;"); // build output: ignored
        Write(Path.Combine(project, ".hidden.c"), "int hidden;");

        var sources = BuildSources.Select([same, changed, untouched], project, Path.Combine(project, "out"));

        Assert.Equal([same, untouched], sources.Product);
        Assert.Equal([changedCopy, model], sources.Project);
        Assert.Equal([Path.GetFullPath(project), Path.Combine(Path.GetFullPath(project), "include")], sources.ProjectIncludeFolders);
    }
}
