using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using TinyGen;
using TinyGen.Analysis;
using TinyGen.Bench.MlperfTiny;
using TinyGen.Diagnostics;
using TinyGen.Run;

// The MLPerf Tiny benchmark: every reference model on every board, built, run in QEMU and compared
// with the reference interpreter, then built again with per-layer marks. Prints the totals beside
// TFLite Micro + CMSIS-NN, instructions per MAC by layer kind, and writes the same figures as JSON.
AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Out = new AnsiConsoleOutput(Console.Out),
    Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
});
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 220;

var boards = new List<string> { "mps2-an386", "mps2-an500", "mps3-an547" };
var repositoryRoot = FindRepositoryRoot();
var modelsFolder = Environment.GetEnvironmentVariable("TINYGEN_MODELS") ?? Path.Combine(repositoryRoot, "..", "shared", "models");
var jsonPath = Path.Combine(repositoryRoot, "out", "mlperf-tiny.json");
var includeOnnx = false;
var measureLayers = true;
var printLayers = false;
List<string>? only = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--boards" when i + 1 < args.Length: boards = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(); break;
        case "--only" when i + 1 < args.Length: only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(); break;
        case "--models" when i + 1 < args.Length: modelsFolder = args[++i]; break;
        case "--json" when i + 1 < args.Length: jsonPath = args[++i]; break;
        case "--onnx": includeOnnx = true; break;
        case "--no-layers": measureLayers = false; break;
        case "--per-layer": printLayers = true; break;
        default:
            Console.Error.WriteLine("usage: bench/mlperf-tiny/run.sh [--boards B1,B2] [--only kws,vww,ic,ad] [--models DIR] [--json FILE] [--onnx] [--no-layers] [--per-layer]");
            return 2;
    }
}
var suite = Path.GetFullPath(Path.Combine(modelsFolder, "mlperf-tiny"));
if (!Directory.Exists(suite))
{
    Console.Error.WriteLine($"mlperf-tiny: no models at '{suite}'; set TINYGEN_MODELS to the shared models folder");
    return 2;
}

var models = BenchModel.All.Concat(includeOnnx ? BenchModel.OnnxTwins : [])
    .Where(m => only is null || only.Any(o => m.Name.Split(' ')[0].Equals(o, StringComparison.OrdinalIgnoreCase)))
    .ToList();
var rows = new List<BenchRow>();
foreach (var model in models)
    foreach (var board in boards)
    {
        Console.Error.WriteLine($"{model.Name} on {board}…");
        rows.Add(Measure(model, board));
    }

PrintTotals(rows);
if (measureLayers) PrintKinds(rows);
if (printLayers) foreach (var row in rows.Where(r => r.Layers.Count > 0)) PrintLayers(row);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
File.WriteAllText(jsonPath, ToJson(rows).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
Console.WriteLine($"written: {jsonPath}");
return rows.All(r => r.Error is null && r.Match) ? 0 : 1;

BenchRow Measure(BenchModel model, string board)
{
    var modelPath = Path.Combine(suite, model.ModelFile);
    var isYardstickBoard = board == "mps2-an386";
    var work = Path.Combine(Path.GetTempPath(), $"tinygen-bench-{Guid.NewGuid():N}");
    try
    {
        var options = new CompileOptions { Board = board };
        var compiled = Compiler.Compile(modelPath, options);
        var input = compiled.Lowered[compiled.Lowered.Inputs[0]];
        Directory.CreateDirectory(work);
        var inputFile = Path.Combine(work, "input.bin");
        File.WriteAllBytes(inputFile, SampleInput.Prepare(input, File.ReadAllBytes(Path.Combine(suite, model.SampleFile)), model.Sample));

        var result = ModelVerification.Run(modelPath, options, inputFile, Path.Combine(work, "plain"));
        var flash = FlashComposition.FromMapFile(Path.Combine(work, "plain", "build", "app.map"), result.Compilation.Project);
        var g = result.Compilation.Lowered;
        var macs = g.Operations.Sum(op => OpCost.Of(g, op).Macs);
        var output = result.Firmware[0].ToDoubles();
        var row = new BenchRow(model.Name, board, macs, result.Instructions, result.ArenaBytes, result.StackBytes, result.FlashBytes,
            result.Match, Array.IndexOf(output, output.Max()),
            isYardstickBoard ? model.TflmInstructions : null, isYardstickBoard ? model.TflmArenaBytes : null) { Flash = flash };
        if (!measureLayers) return row;

        var layered = ModelVerification.Run(modelPath, options, inputFile, Path.Combine(work, "layers"), layerCounts: true);
        var calls = layered.Compilation.Project.Calls;
        var layers = calls.Select((call, i) => new LayerMeasure(i, call.Op.Kind, call.Op.Name, call.Kernel, LayerKind.Of(g, call.Op),
            OpCost.Of(g, call.Op).Macs, layered.LayerInstructions[i])).ToList();
        return row with { Match = row.Match && layered.Match, Layers = layers, LayerBuildInstructions = layered.Instructions };
    }
    catch (TinyGenException e)
    {
        return new BenchRow(model.Name, board, 0, 0, 0, 0, 0, false, -1, null, null, e.Message);
    }
    finally
    {
        try { if (Directory.Exists(work)) Directory.Delete(work, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

static void PrintTotals(IReadOnlyList<BenchRow> rows)
{
    var table = new Table().Title("MLPerf Tiny int8 (instructions per inference, QEMU -icount shift=0; TFLM + CMSIS-NN on mps2-an386 only)");
    foreach (var column in new[] { "model", "board", "MACs", "instructions", "instr/MAC", "TFLM instr", "vs TFLM", "target (TFLM/2)", "vs target", "arena B", "TFLM arena B", "stack B", "model code B", "weights B", "flash B", "match", "argmax" })
        table.AddColumn(new TableColumn(column) { Alignment = column is "model" or "board" or "match" ? Justify.Left : Justify.Right });
    foreach (var r in rows)
    {
        if (r.Error is not null)
        {
            table.AddRow([Markup.Escape(r.Model), r.Board, .. Enumerable.Repeat("", 13), "[red]error[/]", ""]);
            continue;
        }
        table.AddRow(Markup.Escape(r.Model), r.Board, $"{r.Macs:N0}", $"{r.Instructions:N0}", $"{r.InstructionsPerMac:F2}",
            r.TflmInstructions is { } t ? $"{t:N0}" : "", r.InstructionsVersusTflm is { } v ? $"{v:F2}x" : "",
            r.TargetInstructions is { } target ? $"{target:N0}" : "", r.InstructionsVersusTarget is { } vt ? $"{vt:F2}x" : "",
            $"{r.ArenaBytes:N0}", r.TflmArenaBytes is { } a ? $"{a:N0}" : "", $"{r.StackBytes:N0}",
            r.Flash is { } f ? $"{f.ModelAndKernelCode:N0}" : "", r.Flash is { } w ? $"{w.Weights:N0}" : "",
            $"{r.FlashBytes:N0}", r.Match ? "[green]yes[/]" : "[red]NO[/]", r.ArgMax.ToString());
    }
    AnsiConsole.Write(table);
    Console.WriteLine("model code: text and constants of the model's source and its kernels, without the weight/bias/requantization tables, the harness and libc/libgcc (from the linker map).");
    foreach (var r in rows.Where(r => r.Error is not null))
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(r.Model)} on {r.Board}:[/] {Markup.Escape(r.Error!)}");
}

static void PrintKinds(IReadOnlyList<BenchRow> rows)
{
    var table = new Table().Title("By layer kind (a TG_LAYER_COUNTS build; its marks add a few instructions per layer)");
    foreach (var column in LayerKind.All.Prepend("board").Prepend("model"))
        table.AddColumn(new TableColumn(column) { Alignment = column is "model" or "board" ? Justify.Left : Justify.Right });
    foreach (var r in rows.Where(r => r.Layers.Count > 0))
    {
        var kinds = KindMeasure.Of(r.Layers).ToDictionary(k => k.Kind);
        var total = r.Layers.Sum(l => l.Instructions);
        table.AddRow([Markup.Escape(r.Model), r.Board, .. LayerKind.All.Select(kind => kinds.TryGetValue(kind, out var k) ? Cell(k, total) : "")]);
    }
    AnsiConsole.Write(table);
    Console.WriteLine("cells: instructions per MAC (or instructions, for layers without MACs), then the kind's share of the instructions.");

    static string Cell(KindMeasure k, long total)
    {
        var share = total == 0 ? 0 : 100.0 * k.Instructions / total;
        return k.InstructionsPerMac is { } perMac ? $"{perMac:F2}/MAC {share:F0}%" : $"{k.Instructions:N0} {share:F0}%";
    }
}

static void PrintLayers(BenchRow r)
{
    var table = new Table().Title($"{Markup.Escape(r.Model)} on {r.Board}, per layer");
    foreach (var column in new[] { "#", "op", "kind", "kernel", "MACs", "instructions", "instr/MAC" })
        table.AddColumn(new TableColumn(column) { Alignment = column is "op" or "kind" or "kernel" ? Justify.Left : Justify.Right });
    foreach (var l in r.Layers)
        table.AddRow($"{l.Index}", Markup.Escape(l.Op), l.Kind, Markup.Escape(l.Kernel), $"{l.Macs:N0}", $"{l.Instructions:N0}",
            l.InstructionsPerMac is { } p ? $"{p:F2}" : "-");
    AnsiConsole.Write(table);
}

static JsonObject ToJson(IReadOnlyList<BenchRow> rows) => new()
{
    ["benchmark"] = "mlperf-tiny",
    ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
    {
        ["model"] = r.Model,
        ["board"] = r.Board,
        ["macs"] = r.Macs,
        ["instructions"] = r.Instructions,
        ["instructions_per_mac"] = Math.Round(r.InstructionsPerMac, 4),
        ["macs_per_instruction"] = Math.Round(r.MacsPerInstruction, 4),
        ["tflm_instructions"] = r.TflmInstructions,
        ["versus_tflm"] = r.InstructionsVersusTflm is { } v ? Math.Round(v, 4) : null,
        ["target_instructions"] = r.TargetInstructions,
        ["versus_target"] = r.InstructionsVersusTarget is { } vt ? Math.Round(vt, 4) : null,
        ["arena"] = r.ArenaBytes,
        ["tflm_arena"] = r.TflmArenaBytes,
        ["stack"] = r.StackBytes,
        ["flash"] = r.FlashBytes,
        ["model_code"] = r.Flash?.ModelAndKernelCode,
        ["flash_parts"] = r.Flash is { } f ? new JsonObject
        {
            ["model"] = f.ModelCode, ["weights"] = f.Weights, ["kernels"] = f.Kernels,
            ["harness"] = f.Harness, ["library"] = f.Library, ["other"] = f.Other,
        } : null,
        ["match"] = r.Match,
        ["argmax"] = r.ArgMax,
        ["layer_build_instructions"] = r.LayerBuildInstructions,
        ["kinds"] = new JsonArray(KindMeasure.Of(r.Layers).Select(k => (JsonNode)new JsonObject
        {
            ["kind"] = k.Kind, ["layers"] = k.Layers, ["macs"] = k.Macs, ["instructions"] = k.Instructions,
            ["instructions_per_mac"] = k.InstructionsPerMac is { } p ? Math.Round(p, 4) : null,
        }).ToArray()),
        ["layers"] = new JsonArray(r.Layers.Select(l => (JsonNode)new JsonObject
        {
            ["index"] = l.Index, ["op"] = l.Op, ["name"] = l.Name, ["kernel"] = l.Kernel, ["kind"] = l.Kind,
            ["macs"] = l.Macs, ["instructions"] = l.Instructions,
            ["instructions_per_mac"] = l.InstructionsPerMac is { } p ? Math.Round(p, 4) : null,
        }).ToArray()),
        ["error"] = r.Error,
    }).ToArray()),
};

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "TinyGen.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
