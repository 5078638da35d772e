using System.Text.Json;
using TinyGen.Export;
using TinyGen.Tests.Backend;

namespace TinyGen.Tests.Export;

/// <summary>
/// The PlatformIO export read as PlatformIO reads it (platformio.ini as INI, library.json as JSON
/// with the manifest's required fields) and built as `pio run` builds it: the library's src/*.c with
/// -I for its include/ and src/, then the project's src/ with the library's include/ on the path.
/// </summary>
public sealed class PlatformIoExportTests
{
    [Theory]
    [InlineData("netduinoplus2", "netduino2plus", "ststm32", "stm32cube")]
    [InlineData("disco_f746ng", "disco_f746ng", "ststm32", "stm32cube")]
    [InlineData("nucleo_h7a3zi_q", "nucleo_h7a3zi_q", "ststm32", "stm32cube")]
    [InlineData("nano33ble", "nano33ble", "nordicnrf52", "arduino")]
    [InlineData("pico", "pico", "raspberrypi", "arduino")]
    public void The_ini_names_the_board_platform_and_framework_and_the_library_manifest_is_complete(string board, string pioBoard, string platform, string framework)
    {
        using var export = new ExportFixture(board, ExportFormat.PlatformIO);

        var ini = new IniDocument(export.Read("platformio.ini"));
        Assert.Equal(board, ini["platformio", "default_envs"]);
        Assert.Equal(pioBoard, ini[$"env:{board}", "board"]);
        Assert.Equal(platform, ini[$"env:{board}", "platform"]);
        Assert.Equal(framework, ini[$"env:{board}", "framework"]);

        using var manifest = JsonDocument.Parse(export.Read("lib", export.Stem, "library.json"));
        var root = manifest.RootElement;
        Assert.Equal(export.Stem, root.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", root.GetProperty("version").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("description").GetString()));
        Assert.True(File.Exists(export.Path_("lib", export.Stem, "include", root.GetProperty("headers").GetString()!)));

        var main = framework == "arduino" ? "main.cpp" : "main.c";
        Assert.True(File.Exists(export.Path_("src", main)), $"src/{main} is missing");
    }

    [RequiresArmToolchainFact]
    public void A_stm32cube_project_builds_with_platformios_layout_and_include_paths()
    {
        using var export = new ExportFixture("nucleo_l4r5zi", ExportFormat.PlatformIO);
        var lib = export.Path_("lib", export.Stem);
        var objects = new List<string>();
        foreach (var source in Directory.GetFiles(Path.Combine(lib, "src"), "*.c"))
            objects.Add(export.Compile(source, [Path.Combine(lib, "include"), Path.Combine(lib, "src")], Path.Combine(export.Scratch, "obj", "lib")));
        objects.Add(export.Compile(export.Path_("src", "main.c"), [export.Path_("include"), export.Path_("src"), Path.Combine(lib, "include")], Path.Combine(export.Scratch, "obj", "src")));

        var elf = export.Link(objects, Path.Combine(export.Scratch, "firmware.elf"));
        Assert.True(new FileInfo(elf).Length > 0);
    }

    [RequiresArmToolchainFact]
    public void An_arduino_framework_project_builds_its_main_cpp_against_the_arduino_api()
    {
        using var export = new ExportFixture("nano33ble", ExportFormat.PlatformIO);
        var lib = export.Path_("lib", export.Stem);
        var core = ArduinoStub.WriteTo(Path.Combine(export.Scratch, "core"));
        var objects = new List<string>();
        foreach (var source in Directory.GetFiles(Path.Combine(lib, "src"), "*.c"))
            objects.Add(export.Compile(source, [Path.Combine(lib, "include"), Path.Combine(lib, "src")], Path.Combine(export.Scratch, "obj", "lib")));
        string[] includes = [Path.GetDirectoryName(core)!, export.Path_("src"), Path.Combine(lib, "include")];
        objects.Add(export.Compile(export.Path_("src", "main.cpp"), includes, Path.Combine(export.Scratch, "obj", "src")));
        objects.Add(export.Compile(core, includes, Path.Combine(export.Scratch, "obj", "core")));

        export.Link(objects, Path.Combine(export.Scratch, "firmware.elf"));
    }
}
