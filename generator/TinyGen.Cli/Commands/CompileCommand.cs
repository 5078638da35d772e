using System.CommandLine;

namespace TinyGen.Cli.Commands;

/// <summary>Emits the C sources and a build file for a board into a folder.</summary>
public static class CompileCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board();
        var output = new Option<string>("--output", "-o") { Description = "Folder to write the C project into (created; replaced only if TinyGen wrote it, or with --force).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing output folder even if TinyGen did not write it." };
        var name = new Option<string?>("--name") { Description = "C name of the model (default: the file name, sanitized)." };
        var patch = new PatchOptions();
        var command = new Command("compile", "Compile a model into C sources (model .c/.h, kernels, headers) and a Makefile for the board.\n\nExamples:\n  tinygen compile model.onnx --board mps2-an386 -o out/model\n  tinygen compile model.onnx -b mps3-an547 -o out/m55 --name kws\n  tinygen compile mobilenet.onnx -o out/mnv2 --patch auto --sram 256k")
        {
            model, board, output, force, name,
        };
        foreach (var option in patch.All) command.Options.Add(option);
        command.SetAction(parse => Program.Guarded(() =>
        {
            var compilation = Compiler.Compile(parse.GetValue(model)!, patch.Apply(parse, new CompileOptions { Board = parse.GetValue(board)!, ModelName = parse.GetValue(name) }));
            PatchOptions.PrintCandidates(compilation);
            var folder = parse.GetValue(output)!;
            compilation.Project.WriteTo(folder, parse.GetValue(force));
            var p = compilation.Project;
            Console.WriteLine($"wrote {p.Files.Length} files to {folder}: {p.ModelName}.c/.h for {compilation.Board.Name}");
            Console.WriteLine($"  API: {p.SymbolPrefix}_invoke()   arena {p.Plan.TotalBytes:N0} B   weights {p.WeightFlashBytes:N0} B in flash");
            return 0;
        }));
        return command;
    }
}
