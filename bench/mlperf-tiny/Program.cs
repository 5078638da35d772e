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
// with the reference interpreter. Prints a table and writes the same figures as JSON.
AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Out = new AnsiConsoleOutput(Console.Out),
    Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
});
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 220;

var boards = new List<string> { "mps2-an386", "mps2-an500" };
var repositoryRoot = FindRepositoryRoot();
var modelsFolder = Environment.GetEnvironmentVariable("TINYGEN_MODELS") ?? Path.Combine(repositoryRoot, "..", "shared", "models");
var jsonPath = Path.Combine(repositoryRoot, "out", "mlperf-tiny.json");
var includeOnnx = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--boards" when i + 1 < args.Length: boards = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(); break;
        case "--models" when i + 1 < args.Length: modelsFolder = args[++i]; break;
        case "--json" when i + 1 < args.Length: jsonPath = args[++i]; break;
        case "--onnx": includeOnnx = true; break;
        default:
            Console.Error.WriteLine("usage: bench/mlperf-tiny/run.sh [--boards B1,B2] [--models DIR] [--json FILE] [--onnx]");
            return 2;
    }
}
var suite = Path.GetFullPath(Path.Combine(modelsFolder, "mlperf-tiny"));
if (!Directory.Exists(suite))
{
    Console.Error.WriteLine($"mlperf-tiny: no models at '{suite}'; set TINYGEN_MODELS to the shared models folder");
    return 2;
}

var models = BenchModel.All.Concat(includeOnnx ? BenchModel.OnnxTwins : []).ToList();
var rows = new List<BenchRow>();
foreach (var model in models)
    foreach (var board in boards)
    {
        Console.Error.WriteLine($"{model.Name} on {board}…");
        rows.Add(Measure(model, board));
    }

PrintTable(rows);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
File.WriteAllText(jsonPath, ToJson(rows).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
Console.WriteLine($"written: {jsonPath}");
return rows.All(r => r.Error is null && r.Match) ? 0 : 1;

BenchRow Measure(BenchModel model, string board)
{
    var modelPath = Path.Combine(suite, model.ModelFile);
    var isYardstickBoard = board == "mps2-an386";
    try
    {
        var options = new CompileOptions { Board = board };
        var compiled = Compiler.Compile(modelPath, options);
        var input = compiled.Lowered[compiled.Lowered.Inputs[0]];
        var inputFile = Path.Combine(Path.GetTempPath(), $"tinygen-bench-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(inputFile, SampleInput.Prepare(input, File.ReadAllBytes(Path.Combine(suite, model.SampleFile)), model.Sample));
        try
        {
            var result = ModelVerification.Run(modelPath, options, inputFile);
            var macs = result.Compilation.Lowered.Operations.Sum(op => OpCost.Of(result.Compilation.Lowered, op).Macs);
            var output = result.Firmware[0].ToDoubles();
            return new BenchRow(model.Name, board, macs, result.Instructions, result.ArenaBytes, result.StackBytes, result.FlashBytes,
                result.Match, Array.IndexOf(output, output.Max()),
                isYardstickBoard ? model.TflmInstructions : null, isYardstickBoard ? model.TflmArenaBytes : null);
        }
        finally { File.Delete(inputFile); }
    }
    catch (TinyGenException e)
    {
        return new BenchRow(model.Name, board, 0, 0, 0, 0, 0, false, -1, null, null, e.Message);
    }
}

static void PrintTable(IReadOnlyList<BenchRow> rows)
{
    var table = new Table().Title("MLPerf Tiny int8 (instructions per inference, QEMU -icount shift=0)");
    foreach (var column in new[] { "model", "board", "MACs", "instructions", "MACs/instr", "arena B", "stack B", "flash B", "match", "argmax", "TFLM+CMSIS-NN instr", "vs TFLM", "TFLM arena B" })
        table.AddColumn(new TableColumn(column) { Alignment = column is "model" or "board" or "match" ? Justify.Left : Justify.Right });
    foreach (var r in rows)
    {
        if (r.Error is not null)
        {
            table.AddRow(Markup.Escape(r.Model), r.Board, "", "", "", "", "", "", "[red]error[/]", "", "", "", "");
            continue;
        }
        table.AddRow(Markup.Escape(r.Model), r.Board, $"{r.Macs:N0}", $"{r.Instructions:N0}", $"{r.MacsPerInstruction:F3}", $"{r.ArenaBytes:N0}",
            $"{r.StackBytes:N0}", $"{r.FlashBytes:N0}", r.Match ? "[green]yes[/]" : "[red]NO[/]", r.ArgMax.ToString(),
            r.TflmInstructions is { } t ? $"{t:N0}" : "", r.InstructionsVersusTflm is { } v ? $"{v:F2}x" : "",
            r.TflmArenaBytes is { } a ? $"{a:N0}" : "");
    }
    AnsiConsole.Write(table);
    foreach (var r in rows.Where(r => r.Error is not null))
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(r.Model)} on {r.Board}:[/] {Markup.Escape(r.Error!)}");
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
        ["macs_per_instruction"] = Math.Round(r.MacsPerInstruction, 4),
        ["arena"] = r.ArenaBytes,
        ["stack"] = r.StackBytes,
        ["flash"] = r.FlashBytes,
        ["match"] = r.Match,
        ["argmax"] = r.ArgMax,
        ["tflm_instructions"] = r.TflmInstructions,
        ["tflm_arena"] = r.TflmArenaBytes,
        ["error"] = r.Error,
    }).ToArray()),
};

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "TinyGen.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
