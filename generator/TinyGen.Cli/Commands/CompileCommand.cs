using System.CommandLine;
using TinyGen.Emit;
using TinyGen.Export;

namespace TinyGen.Cli.Commands;

/// <summary>Emits the C sources and a build file for a board into a folder.</summary>
public static class CompileCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board();
        var kernels = CommonOptions.Kernels();
        var output = new Option<string>("--output", "-o") { Description = "Folder to write the C project into (created; replaced only if TinyGen wrote it, or with --force).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing output folder even if TinyGen did not write it." };
        var name = new Option<string?>("--name") { Description = "C name of the model (default: the file name, sanitized)." };
        var patch = new PatchOptions();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Project layout: plain (Makefile), cmake (CMakeLists.txt, toolchain file, Renode test where Renode models the board), platformio (platformio.ini, lib/<model>/), arduino (an Arduino library).",
            DefaultValueFactory = _ => "plain",
        };
        format.AcceptOnlyFromAmong([.. ExportFormats.Names]);
        var command = new Command("compile", "Compile a model into C sources (model .c/.h, kernels, headers) and a build for the board: a Makefile, or a CMake, PlatformIO or Arduino project that opens without hand edits.\n\nExamples:\n  tinygen compile model.onnx --board mps2-an386 -o out/model\n  tinygen compile model.onnx -b mps3-an547 -o out/m55 --name kws\n  tinygen compile mobilenet.onnx -o out/mnv2 --patch auto --sram 256k\n  tinygen compile kws.onnx -b disco_f746ng --format cmake -o kws-cmake\n  tinygen compile kws.onnx -b nano33ble --format platformio -o kws-pio\n  tinygen compile kws.onnx -b nano33ble --format arduino -o ~/Arduino/libraries/kws")
        {
            model, board, kernels, output, force, name, format,
        };
        foreach (var option in patch.All) command.Options.Add(option);
        command.SetAction(parse => Program.Guarded(() =>
        {
            var layout = ExportFormats.Parse(parse.GetValue(format)!);
            var options = patch.Apply(parse, new CompileOptions { Board = parse.GetValue(board)!, ModelName = parse.GetValue(name), Kernels = KernelLibraries.Parse(parse.GetValue(kernels)!) });
            var export = Progress.Run($"compiling for {options.Board}…", () => ModelExport.Create(parse.GetValue(model)!, options, layout));
            var (compilation, p) = (export.Compilation, export.Project);
            PatchOptions.PrintCandidates(compilation);
            var folder = parse.GetValue(output)!;
            p.WriteTo(folder, parse.GetValue(force));
            Console.WriteLine($"wrote {p.Files.Length} files to {folder} ({layout.ToString().ToLowerInvariant()}): {p.SymbolPrefix[3..]}.c/.h for {compilation.Board.Name}");
            Console.WriteLine($"  API: {p.SymbolPrefix}_invoke()   arena {p.Plan.TotalBytes:N0} B   weights {p.WeightFlashBytes:N0} B in flash");
            return 0;
        }));
        return command;
    }
}
