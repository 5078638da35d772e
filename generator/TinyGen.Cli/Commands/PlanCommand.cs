using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TinyGen.Diagnostics;
using TinyGen.Emit;
using TinyGen.Planning;

namespace TinyGen.Cli.Commands;

/// <summary>The memory plan: live bytes per step, the arena map, peak against lower bound, an SVG timeline.</summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board();
        var json = CommonOptions.Json();
        var svg = new Option<string?>("--svg") { Description = "Also write the memory timeline (x: step, y: arena offset) to this SVG file." };
        var patch = new PatchOptions();
        var command = new Command("plan", "Show how the model's activations are laid out in the arena: the execution order with the bytes live at each step, every buffer's offset, size and lifetime (in-place sharing marked), the arena against its lower bound, and with --patch the plans weighed and the one taken.\n\nExamples:\n  tinygen plan model.onnx\n  tinygen plan model.onnx --board mps2-an500 --json --svg plan.svg\n  tinygen plan vww.tflite --patch auto --sram 64k\n  tinygen plan vww.tflite --patch auto --objective memory --input-callback")
        {
            model, board, json, svg,
        };
        foreach (var option in patch.All) command.Options.Add(option);
        command.SetAction(parse => Program.Guarded(() =>
        {
            var asJson = parse.GetValue(json);
            var options = patch.Apply(parse, new CompileOptions { Board = parse.GetValue(board)! });
            // with --patch auto the search weighs many plans, which takes a while on the larger models
            var compilation = Progress.Run($"planning for {options.Board}…", () => Compiler.Compile(parse.GetValue(model)!, options), quiet: asJson);
            if (parse.GetValue(svg) is { } svgPath) WriteSvg(compilation, svgPath);
            if (asJson) Console.WriteLine(PlanReport.Json(compilation).ToJsonString(JsonFormat.Indented));
            else Print(compilation);
            return 0;
        }));
        return command;
    }

    private static void WriteSvg(Compilation c, string path)
    {
        var text = ArenaTimelineSvg.Render(c.Project.Plan, $"{c.Lowered.Name} on {c.Board.Name}");
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TinyGenException($"cannot write the SVG to '{path}': {e.Message}", ExitCodes.UserError, e);
        }
    }

    private static void Print(Compilation c)
    {
        var plan = c.Project.Plan;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(c.Lowered.Name)}[/] on {Markup.Escape(c.Board.Name)}: {plan.Steps.Length} steps, alignment {plan.Alignment}");
        var steps = new Table().AddColumns("step", "op", "kernel", "live bytes", "in place");
        for (var i = 0; i < plan.Steps.Length; i++)
        {
            var s = plan.Steps[i];
            var mark = s.InPlace is { } o ? $"{PlanReport.KindName(o.Kind)} over {Short(o.Input)}" : "";
            steps.AddRow($"{i}", Markup.Escape(Short(s.Label)), Markup.Escape(string.Join("+", c.Project.Calls[i].Functions)),
                (s.LiveBytes == plan.LowerBound ? "[bold]" : "") + s.LiveBytes.ToString("N0", CultureInfo.InvariantCulture) + (s.LiveBytes == plan.LowerBound ? "[/]" : ""),
                Markup.Escape(mark));
        }
        AnsiConsole.Write(steps);
        var map = new Table().AddColumns("offset", "size", "steps", "buffer");
        foreach (var b in plan.Buffers)
        {
            var name = b.IsAlias ? $"{Short(b.TensorName)} (in place of {Short(b.Storage)})" : Short(b.TensorName);
            map.AddRow(b.Offset.ToString("N0", CultureInfo.InvariantCulture), b.Size.ToString("N0", CultureInfo.InvariantCulture), $"{b.FirstStep}..{b.LastStep}", Markup.Escape(name));
        }
        AnsiConsole.Write(map);
        AnsiConsole.MarkupLine($"peak (arena) {plan.TotalBytes:N0} B   lower bound {plan.LowerBound:N0} B   gap {plan.GapPercent.ToString("0.0", CultureInfo.InvariantCulture)}%   placement {Markup.Escape(plan.Placement)}   SRAM with stack {c.SramBytes:N0} B");
        if (c.Patching is null) AnsiConsole.MarkupLine("patch plan: none");
        else PatchOptions.PrintCandidates(c);
    }

    /// <summary>Exported models name tensors after whole op chains; the table keeps both ends (--json has them whole).</summary>
    private static string Short(string name) => name.Length <= 56 ? name : name[..26] + "…" + name[^27..];
}
