using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using TinyGen.Analysis;
using TinyGen.Diagnostics;
using TinyGen.Emit;
using TinyGen.Ir;
using TinyGen.Run;

namespace TinyGen.Cli.Commands;

/// <summary>
/// Compile, build with arm-none-eabi-gcc, run in QEMU, and compare with the reference interpreter.
/// Exits 0 only when every output equals the reference.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board();
        var kernels = CommonOptions.Kernels();
        var json = CommonOptions.Json();
        var input = new Option<string?>("--input", "-i") { Description = "Raw little-endian bytes of the model's first input in its own element type (int8, uint8 or float32). Default: seeded random data." };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated inputs.", DefaultValueFactory = _ => 1 };
        var keep = new Option<string?>("--keep") { Description = "Keep the project, objects and app.elf in this folder." };
        var layers = new Option<bool>("--layers") { Description = "A measurement build that also reports instructions per layer (the markers add a few instructions to the total)." };
        var patch = new PatchOptions();
        var command = new Command("run", "Compile the model, build the firmware, run it in QEMU and check every output against the integer reference.\n\nExamples:\n  tinygen run model.onnx --board mps2-an386\n  tinygen run kws.onnx -b mps2-an500 --input sample_input_int8.bin --json --layers")
        {
            model, board, kernels, input, seed, keep, layers, json,
        };
        foreach (var option in patch.All) command.Options.Add(option);
        command.SetAction(parse => Program.Guarded(() =>
        {
            var options = patch.Apply(parse, new CompileOptions { Board = parse.GetValue(board)!, Kernels = KernelLibraries.Parse(parse.GetValue(kernels)!) });
            var asJson = parse.GetValue(json);
            VerificationResult Verify() => ModelVerification.Run(parse.GetValue(model)!, options, parse.GetValue(input), parse.GetValue(keep), parse.GetValue(seed), parse.GetValue(layers));
            var result = Progress.Run($"compiling, building for {options.Board} and running in QEMU…", Verify, quiet: asJson);
            if (asJson) Console.WriteLine(Json(result).ToJsonString(JsonFormat.Indented));
            else Print(result);
            return result.Match ? ExitCodes.Success : ExitCodes.Mismatch;
        }));
        return command;
    }

    private static void Print(VerificationResult r)
    {
        PatchOptions.PrintCandidates(r.Compilation);
        var g = r.Compilation.Lowered;
        for (var i = 0; i < r.Firmware.Count; i++)
        {
            var fw = r.Firmware[i].ToDoubles();
            var reference = r.Reference[i].ToDoubles();
            var same = r.Firmware[i].Bytes.SequenceEqual(r.Reference[i].Bytes);
            AnsiConsole.MarkupLine($"output {i} [bold]{Markup.Escape(g.Outputs[i])}[/] {Markup.Escape(g[g.Outputs[i]].Type.DisplayName() + g[g.Outputs[i]].ShapeText)}: argmax {ArgMax(fw)}  {(same ? "[green]matches the reference[/]" : $"[red]differs from the reference in {fw.Zip(reference).Count(p => p.First != p.Second)} elements[/]")}");
            Console.WriteLine("  firmware:  " + Preview(fw));
            if (!same) Console.WriteLine("  reference: " + Preview(reference));
        }
        if (r.LayerInstructions.Count > 0)
        {
            var table = new Table().AddColumns("#", "op", "kernel", "MACs", "instructions", "per MAC");
            foreach (var layer in LayerCosts(r))
                table.AddRow($"{layer.Index}", Markup.Escape(layer.Op), Markup.Escape(layer.Kernel), $"{layer.Macs:N0}", $"{layer.Instructions:N0}",
                    layer.Macs > 0 ? $"{(double)layer.Instructions / layer.Macs:F2}" : "-");
            AnsiConsole.Write(table);
        }
        Console.WriteLine($"board {r.Compilation.Board.Name}: {r.Instructions:N0} instructions, arena {r.ArenaBytes:N0} B, stack {r.StackBytes:N0} B (static bound {r.StaticStack?.Bytes:N0} B{(r.StaticStack is { Bounded: false } ? "+" : "")}, of which the model {r.ModelStack?.Bytes:N0} B), flash {r.FlashBytes:N0} B");
        Console.WriteLine(r.Match ? "match: yes" : "match: NO");
    }

    /// <summary>One measured layer: op kind and name, kernel, MACs and instructions.</summary>
    private sealed record LayerCost(int Index, string Op, string Name, string Kernel, long Macs, long Instructions);

    private static List<LayerCost> LayerCosts(VerificationResult r)
    {
        var g = r.Compilation.Lowered;
        var calls = r.Compilation.Project.Calls;
        return calls.Select((call, i) => new LayerCost(i, call.Op.Kind, call.Op.Name, call.Kernel,
            OpCost.Of(g, call.Op).Macs, r.LayerInstructions[i])).ToList();
    }

    public static JsonObject Json(VerificationResult r)
    {
        JsonNode Values(TensorData t) => new JsonArray(t.ToDoubles().Select(v => (JsonNode)Number(v)).ToArray());
        var single = r.Firmware.Count == 1;
        var json = new JsonObject
        {
            ["model"] = r.Compilation.Lowered.Name,
            ["board"] = r.Compilation.Board.Name,
            ["outputs"] = single ? Values(r.Firmware[0]) : new JsonArray(r.Firmware.Select(Values).ToArray()),
            ["reference"] = single ? Values(r.Reference[0]) : new JsonArray(r.Reference.Select(Values).ToArray()),
            ["match"] = r.Match,
            ["argmax"] = single ? ArgMax(r.Firmware[0].ToDoubles()) : new JsonArray(r.Firmware.Select(f => (JsonNode)ArgMax(f.ToDoubles())).ToArray()),
            ["instructions"] = r.Instructions,
            ["arena"] = r.ArenaBytes,
            ["stack"] = r.StackBytes,
            ["stack_static"] = r.StaticStack?.Bytes,
            ["stack_static_bounded"] = r.StaticStack?.Bounded,
            ["stack_model"] = r.ModelStack?.Bytes,
            ["flash"] = r.FlashBytes,
            ["patch"] = PatchOptions.Json(r.Compilation),
        };
        if (r.LayerInstructions.Count > 0)
            json["layers"] = new JsonArray(LayerCosts(r).Select(l => (JsonNode)new JsonObject
            {
                ["index"] = l.Index, ["op"] = l.Op, ["name"] = l.Name, ["kernel"] = l.Kernel, ["macs"] = l.Macs, ["instructions"] = l.Instructions,
            }).ToArray());
        return json;
    }

    /// <summary>Integers stay integers in JSON; floats keep every digit.</summary>
    private static JsonNode Number(double v) => v == Math.Floor(v) && Math.Abs(v) < 1e15 ? JsonValue.Create((long)v) : JsonValue.Create(v);

    private static int ArgMax(double[] values) => values.Length == 0 ? -1 : Array.IndexOf(values, values.Max());

    private static string Preview(double[] values) =>
        string.Join(" ", values.Take(32).Select(v => v.ToString("G9", System.Globalization.CultureInfo.InvariantCulture))) + (values.Length > 32 ? $" … ({values.Length} values)" : "");
}
