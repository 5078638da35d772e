using System.Text.RegularExpressions;
using TinyGen.Export;
using TinyGen.Run;
using TinyGen.Tests.Backend;

namespace TinyGen.Tests.Export;

/// <summary>
/// The Arduino library export checked against the Arduino library specification (1.5 format:
/// library.properties keys, flat src/, examples/&lt;name&gt;/&lt;name&gt;.ino) and built as the Arduino
/// IDE builds it: src/ compiled as a library, the sketch as C++ with Arduino.h (a stub here) and
/// the library's src/ on the include path. On the host the sketch also runs and must report that
/// the model's outputs equal the reference.
/// </summary>
public sealed class ArduinoExportTests
{
    private static readonly string[] DocumentedKeys =
        ["name", "version", "author", "maintainer", "sentence", "paragraph", "category", "url", "architectures", "includes"];

    private static readonly string[] Categories =
        ["Display", "Communication", "Signal Input/Output", "Sensors", "Device Control", "Timing", "Data Storage", "Data Processing", "Other"];

    private static Dictionary<string, string> Properties(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Where(l => l.Trim().Length > 0 && !l.StartsWith('#')))
        {
            var equals = line.IndexOf('=');
            Assert.True(equals > 0, $"'{line}' is not key=value");
            Assert.True(result.TryAdd(line[..equals], line[(equals + 1)..]), $"key '{line[..equals]}' repeated");
        }
        return result;
    }

    [Fact]
    public void Library_properties_has_every_documented_key_with_a_valid_value()
    {
        using var export = new ExportFixture("nano33ble", ExportFormat.Arduino, name: "Keyword spotter");

        var p = Properties(export.Read("library.properties"));
        Assert.Equal(DocumentedKeys.Order(StringComparer.Ordinal), p.Keys.Order(StringComparer.Ordinal));
        // "name: the library name ... only letters (A-Z, a-z), numbers (0-9), spaces, underscores, dots and dashes; start with a letter or number"
        Assert.Matches(@"^[A-Za-z0-9][A-Za-z0-9 _.\-]*$", p["name"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", p["version"]);
        Assert.Contains(p["category"], Categories);
        Assert.Matches(@"^https?://", p["url"]);
        Assert.Equal("*", p["architectures"]);
        foreach (var header in p["includes"].Split(','))
            Assert.True(File.Exists(export.Path_("src", header.Trim())), $"includes names {header}, which src/ lacks");

        // 1.5 format: flat src/ (no subfolders), one example sketch in a folder of its own name.
        Assert.Empty(Directory.GetDirectories(export.Path_("src")));
        Assert.True(File.Exists(export.Path_("examples", p["name"], p["name"] + ".ino")));
    }

    [RequiresArmToolchainFact]
    public void The_library_and_its_example_sketch_build_for_the_board()
    {
        using var export = new ExportFixture("pico", ExportFormat.Arduino);
        var core = ArduinoStub.WriteTo(Path.Combine(export.Scratch, "core"));
        var src = export.Path_("src");
        var objects = Directory.GetFiles(src, "*.c").Select(f => export.Compile(f, [src], Path.Combine(export.Scratch, "obj", "lib"))).ToList();
        string[] includes = [Path.GetDirectoryName(core)!, src, export.Path_("examples", export.Stem)];
        objects.Add(export.Compile(export.Path_("examples", export.Stem, export.Stem + ".ino"), includes, Path.Combine(export.Scratch, "obj", "sketch")));
        objects.Add(export.Compile(core, includes, Path.Combine(export.Scratch, "obj", "core")));

        export.Link(objects, Path.Combine(export.Scratch, "sketch.elf"));
    }

    [RequiresHostCxxFact]
    public void On_the_host_the_sketch_runs_and_finds_the_outputs_equal_to_the_reference()
    {
        using var export = new ExportFixture("nano33ble", ExportFormat.Arduino, "ds-cnn");
        var core = ArduinoStub.WriteTo(Path.Combine(export.Scratch, "core"));
        var src = export.Path_("src");
        var objects = new List<string>();
        foreach (var file in Directory.GetFiles(src, "*.c"))
        {
            var obj = Path.Combine(export.Scratch, Path.GetFileName(file) + ".o");
            MustRun("gcc", ["-std=c99", "-O1", "-Wall", "-Wextra", "-Werror", "-I" + src, "-c", file, "-o", obj]);
            objects.Add(obj);
        }
        string[] includes = ["-I" + Path.GetDirectoryName(core), "-I" + src, "-I" + export.Path_("examples", export.Stem)];
        var sketch = Path.Combine(export.Scratch, "sketch.o");
        MustRun("g++", ["-x", "c++", "-std=c++17", "-Wall", "-Wextra", "-Werror", .. includes, "-c", export.Path_("examples", export.Stem, export.Stem + ".ino"), "-o", sketch]);
        var program = Path.Combine(export.Scratch, "sketch");
        MustRun("g++", ["-std=c++17", .. includes, core, sketch, .. objects, "-o", program]);

        var run = ProcessRunner.Run(program, [], TimeSpan.FromMinutes(1));

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(new Regex(@": status 0, \d+ us, outputs equal the reference"), run.StandardOutput);
        var expected = export.Example.ExpectedOutputs[0].ToInt8();
        Assert.Contains($"output 0: argmax {Array.IndexOf(expected, expected.Max())}", run.StandardOutput);
    }

    private static void MustRun(string program, IReadOnlyList<string> arguments)
    {
        var run = ProcessRunner.Run(program, arguments, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"{program} failed:\n{run.CombinedOutput}");
    }
}
