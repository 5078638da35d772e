using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using TinyGen.Analysis;
using TinyGen.Ir;

namespace TinyGen.Cli.Commands;

/// <summary>Layers of the compiled model: op, kernel, shapes, quantization, MACs, parameters.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board();
        var json = CommonOptions.Json();
        var command = new Command("inspect", "Show the model as TinyGen compiles it: every layer with its kernel, shapes, quantization, MACs and parameters, and the totals.\n\nExamples:\n  tinygen inspect model.onnx\n  tinygen inspect model.onnx --board mps2-an500 --json")
        {
            model, board, json,
        };
        command.SetAction(parse => Program.Guarded(() =>
        {
            var asJson = parse.GetValue(json);
            var options = new CompileOptions { Board = parse.GetValue(board)! };
            var compilation = Progress.Run($"compiling for {options.Board}…", () => Compiler.Compile(parse.GetValue(model)!, options), quiet: asJson);
            if (asJson) Console.WriteLine(ModelReport.Json(compilation).ToJsonString(JsonFormat.Indented));
            else Print(compilation);
            return 0;
        }));
        return command;
    }

    private static void Print(Compilation c)
    {
        var g = c.Lowered;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(g.Name)}[/]  ({Markup.Escape(c.ModelPath)}, {c.Imported.Operations.Length} imported ops → {g.Operations.Length} int8 layers, board {Markup.Escape(c.Board.Name)})");
        var table = new Table().AddColumns("#", "op", "kernel", "why", "input", "output", "quantization (out)", "MACs", "params");
        var layers = ModelReport.Layers(c);
        for (var i = 0; i < layers.Count; i++)
        {
            var (op, kernel, reason, cost) = layers[i];
            var output = g[op.Outputs[0]];
            table.AddRow(
                $"{i}", Markup.Escape(op.Kind), Markup.Escape(kernel.Length > 0 ? kernel : "(alias)"), Markup.Escape(reason),
                Markup.Escape(string.Join(" ", op.Inputs.Where(n => !g[n].IsConstant).Select(n => g[n].Type.DisplayName() + g[n].ShapeText))),
                Markup.Escape(output.Type.DisplayName() + output.ShapeText), Markup.Escape(output.Quantization?.ToString() ?? "-"),
                $"{cost.Macs:N0}", $"{cost.Parameters:N0}");
        }
        AnsiConsole.Write(table);
        var total = OpCost.Total(g);
        AnsiConsole.MarkupLine($"MACs {total.Macs:N0}   parameters {total.Parameters:N0}   weights in flash {c.Project.WeightFlashBytes:N0} B   arena {c.Project.Plan.TotalBytes:N0} B (lower bound {c.Project.Plan.LowerBound:N0} B)");
        foreach (var (name, role) in g.Inputs.Select(n => (n, "input")).Concat(g.Outputs.Select(n => (n, "output"))))
            AnsiConsole.MarkupLine($"{role} [bold]{Markup.Escape(name)}[/]: {Markup.Escape(g[name].Type.DisplayName() + g[name].ShapeText)} {Markup.Escape(g[name].Quantization?.ToString() ?? "")}");
    }
}
