using System.Xml.Linq;
using TinyGen.Run;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Cli;

/// <summary>
/// The tool as a user gets it: `dotnet pack` makes a package that `dotnet tool install` accepts, and the
/// installed command works from an unrelated folder, with the templates, boards and kernels travelling
/// inside the package. Everything happens in a temporary folder with its own NuGet cache and a NuGet
/// config naming only the freshly packed folder, so nothing is downloaded and the machine is untouched.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly string folder = Directory.CreateTempSubdirectory("tinygen-tool-package-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [RequiresToolPackageFact]
    public void The_packed_tool_installs_and_runs_from_another_folder()
    {
        var packages = Path.Combine(folder, "packages");
        var tools = Path.Combine(folder, "tools");
        var elsewhere = Directory.CreateDirectory(Path.Combine(folder, "elsewhere")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = Path.Combine(folder, "home"),
            ["NUGET_PACKAGES"] = Path.Combine(folder, "nuget-cache"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };

        // --no-build packs what the test build already compiled: no restore, no second build racing the first.
        var pack = Dotnet(environment, "pack", ToolPackage.Project, "-c", ToolPackage.Configuration, "--no-build", "-o", packages, "--nologo");
        var version = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props")).Descendants("Version").Single().Value;
        Assert.True(File.Exists(Path.Combine(packages, $"tinygen.{version}.nupkg")), pack.CombinedOutput);

        var config = Path.Combine(folder, "nuget.config");
        new XDocument(new XElement("configuration", new XElement("packageSources",
            new XElement("clear"),
            new XElement("add", new XAttribute("key", "packed"), new XAttribute("value", packages))))).Save(config);
        var install = Dotnet(environment, "tool", "install", "tinygen", "--tool-path", tools, "--configfile", config, "--version", version);
        Assert.True(install.ExitCode == 0, install.CombinedOutput);

        var tinygen = Path.Combine(tools, OperatingSystem.IsWindows() ? "tinygen.exe" : "tinygen");
        var shown = ProcessRunner.Run(tinygen, ["--version"], Limit, elsewhere, environment);
        Assert.Equal(0, shown.ExitCode);
        Assert.StartsWith(version, shown.StandardOutput.Trim());

        var help = ProcessRunner.Run(tinygen, ["--help"], Limit, elsewhere, environment);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Examples:", help.StandardOutput);
        Assert.Contains("tinygen run", help.StandardOutput);

        // The product folders must be inside the package: boards lists the YAML files, compile renders
        // the templates and copies the kernels.
        var boards = ProcessRunner.Run(tinygen, ["boards"], Limit, elsewhere, environment);
        Assert.True(boards.ExitCode == 0, boards.CombinedOutput);
        Assert.Contains("mps2-an386", boards.StandardOutput);

        var example = ProcessRunner.Run(tinygen, ["example", "tiny-cnn", "-o", "tiny.onnx"], Limit, elsewhere, environment);
        Assert.True(example.ExitCode == 0, example.CombinedOutput);
        var compile = ProcessRunner.Run(tinygen, ["compile", "tiny.onnx", "--board", "mps2-an386", "-o", "out"], Limit, elsewhere, environment);
        Assert.True(compile.ExitCode == 0, compile.CombinedOutput);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(elsewhere, "out"), "*.c", SearchOption.AllDirectories));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(elsewhere, "out"), "tg_nn.h", SearchOption.AllDirectories));
    }

    private static ProcessOutcome Dotnet(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments, Limit, TestPaths.RepoRoot, environment);
}
