using System.CommandLine;
using System.Text;
using TinyGen.Cli.Report;
using TinyGen.Run;

namespace TinyGen.Cli.Commands;

/// <summary>Writes one self-contained HTML page about the compiled model; with --run, measured in QEMU too.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board();
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write.", Required = true };
        var run = new Option<bool>("--run") { Description = "Also build the firmware, run it in QEMU and add the measured instructions, stack and image size (the board must run in QEMU)." };
        var command = new Command("report", "Write a self-contained HTML report: model summary, per-layer table (op, shapes, MACs, params, arena offset), the arena's memory timeline and the flash/SRAM budget bars.\n\nExamples:\n  tinygen report model.onnx --board disco_f746ng -o report.html\n  tinygen report kws.onnx -b mps2-an386 -o kws.html --run")
        {
            model, board, output, run,
        };
        command.SetAction(parse => Program.Guarded(() =>
        {
            var options = new CompileOptions { Board = parse.GetValue(board)! };
            var path = parse.GetValue(model)!;
            var (compilation, verification) = parse.GetValue(run)
                ? Progress.Run($"compiling, building for {options.Board} and running in QEMU…", () =>
                {
                    var v = ModelVerification.Run(path, options);
                    return (v.Compilation, (VerificationResult?)v);
                })
                : Progress.Run($"compiling for {options.Board}…", () => (Compiler.Compile(path, options), (VerificationResult?)null));
            var html = HtmlReport.Render(compilation, verification);
            var file = parse.GetValue(output)!;
            var temp = file + ".tmp";
            File.WriteAllText(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, file, overwrite: true);
            Console.WriteLine($"wrote {file} ({html.Length:N0} characters): {compilation.Lowered.Operations.Length} layers on {compilation.Board.Name}" +
                              (verification is null ? "" : $", {verification.Instructions:N0} instructions measured"));
            return 0;
        }));
        return command;
    }
}
