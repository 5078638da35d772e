using System.Xml.Linq;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Cli;

/// <summary>What makes the tool pleasant: a version, help with examples on every command, and exports through the CLI.</summary>
[Collection("cli")]
public sealed class CliHelpTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tinygen-cli-help-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Version_prints_the_version_the_package_is_built_with()
    {
        var props = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props"));
        var version = props.Descendants("Version").Single().Value;

        var result = CliRunner.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(version, result.Out.Trim());
    }

    [Theory]
    [InlineData]
    [InlineData("inspect")]
    [InlineData("compile")]
    [InlineData("plan")]
    [InlineData("run")]
    [InlineData("example")]
    [InlineData("boards")]
    [InlineData("report")]
    public void Every_command_has_help_with_an_example(params string[] command)
    {
        var result = CliRunner.Run([.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example", result.Out);
        Assert.Contains("tinygen " + (command.Length == 0 ? "" : command[0]), result.Out);
    }

    [Fact]
    public void Compile_with_a_format_writes_that_layout_and_says_so()
    {
        var model = Path.Combine(folder, "kws.onnx");
        File.WriteAllBytes(model, ExampleModels.TinyCnn(1));
        var output = Path.Combine(folder, "arduino");

        var result = CliRunner.Run("compile", model, "--board", "nano33ble", "--format", "arduino", "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("(arduino)", result.Out);
        Assert.True(File.Exists(Path.Combine(output, "library.properties")));
        Assert.True(File.Exists(Path.Combine(output, "examples", "kws", "kws.ino")));

        var bad = CliRunner.Run("compile", model, "--format", "meson", "-o", Path.Combine(folder, "x"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("meson", bad.Error);

        var noPio = CliRunner.Run("compile", model, "--board", "mps2-an386", "--format", "platformio", "-o", Path.Combine(folder, "pio"));
        Assert.Equal(2, noPio.ExitCode);
        Assert.Contains("no PlatformIO board id", noPio.Error);
    }
}
