using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using TinyGen;
using TinyGen.Analysis;
using TinyGen.Bench.PatchMemory;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Planning.Patching;
using TinyGen.Run;

// Peak SRAM of MobileNet-class nets layer by layer and with patch-based inference (MCUNetV2). For each
// model: the layer-by-layer peak as MCUNetV2 counts it, TinyGen's own layer-by-layer arena, and the
// searched patch plan: the fewest MACs among the plans whose arena is within the smallest one reachable
// at most MaxOverhead% extra MACs. With --run the models are also built and run in QEMU, unpatched, patched
// and streamed, to show all equal the reference. Figures are printed and written as JSON, never asserted.
AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Out = new AnsiConsoleOutput(Console.Out),
    Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
});
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;

const double MaxOverheadPercent = 10.0;
var repositoryRoot = FindRepositoryRoot();
var jsonPath = Path.Combine(repositoryRoot, "out", "patch-memory.json");
var runInQemu = false;
string? keep = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--json" when i + 1 < args.Length: jsonPath = args[++i]; break;
        case "--run": runInQemu = true; break;
        case "--keep" when i + 1 < args.Length: keep = args[++i]; break;
        default:
            Console.Error.WriteLine("usage: bench/patch-memory/run.sh [--json FILE] [--run] [--keep DIR]");
            return 2;
    }
}

// The board each net runs on with --run: the DSP board where the int16-widened weights fit its flash,
// else the M3 board, whose portable kernels keep int8 weights (MobileNetV2-224: 3.7 MB).
const string DspBoard = "mps2-an386";
const string M3Board = "mps2-an385";
(string Name, Func<GeneratedModel> Build, string RunBoard)[] models =
[
    ("MobileNetV2-1.0 224", () => BenchmarkModels.MobileNetV2(1.0, 224), M3Board),
    ("MobileNetV2-0.35 144", () => BenchmarkModels.MobileNetV2(0.35, 144), M3Board),
    ("MobileNetV1-0.25 96 (VWW)", () => BenchmarkModels.MobileNetV1(0.25, 96), DspBoard),
    ("MCUNet-like 160", () => BenchmarkModels.McuNetLike(160), M3Board),
    ("ResNet-8 32 (CIFAR)", () => BenchmarkModels.ResNet8(), DspBoard),
    ("DS-CNN 49x10 (KWS)", () => ExampleModels.DsCnnModel(), DspBoard),
];

var folder = keep ?? Path.Combine(Path.GetTempPath(), "tinygen-patch-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
var rows = new List<JsonObject>();
var table = new Table().AddColumns("model", "MACs", "layer by layer\nMCUNetV2 count\n(input in / out)", "layer by layer\nTinyGen arena",
    "patch plan\n(input in arena)", "TinyGen arena\n(MAC overhead)", "reduction", "patch plan\n(input streamed)", "TinyGen arena\n(MAC overhead)", "reduction",
    "lowest peak, MCUNetV2 count\n(input in / out)", "smallest arena, any MACs\n(input streamed)", "QEMU (--run)");
try
{
    foreach (var (name, build, runBoard) in models)
    {
        Console.Error.WriteLine($"{name}…");
        var path = Path.Combine(folder, new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()) + ".onnx");
        File.WriteAllBytes(path, build().Onnx);
        var lowered = Compiler.Lower(Compiler.Import(path));
        var macs = OpCost.Total(lowered).Macs;
        var mcunet = LayerByLayerPeak.Of(lowered, countInput: true);
        var mcunetNoInput = LayerByLayerPeak.Of(lowered, countInput: false);
        var candidates = PatchSearch.Enumerate(lowered).ToList();
        var unpatched = candidates.Single(c => !c.IsPatched);
        // the smallest arena reachable within the MAC allowance, then the searched plan at that budget
        var budget = candidates.Where(c => c.MacOverheadPercent <= MaxOverheadPercent).Min(c => c.ArenaWithInput);
        var chosen = PatchSearch.Run(lowered, PatchRequest.Auto, budget, inputCallback: false).Chosen;
        // the same search under MCUNetV2's counting (depthwise in place), to compare with the published figures
        var counted = candidates.Where(c => c.MacOverheadPercent <= MaxOverheadPercent)
            .Select(c => (Candidate: c, Peak: c.Geometry is { } g ? LayerByLayerPeak.Of(lowered, g, countInput: true) : mcunet))
            .OrderBy(x => x.Peak).ThenBy(x => x.Candidate.Macs).First();
        var countedNoInput = counted.Candidate.Geometry is { } cg ? LayerByLayerPeak.Of(lowered, cg, countInput: false) : mcunetNoInput;
        var streamedBudget = candidates.Where(c => c.IsPatched && c.MacOverheadPercent <= MaxOverheadPercent).Select(c => c.ArenaWithoutInput).DefaultIfEmpty(long.MaxValue).Min();
        var streamed = streamedBudget == long.MaxValue ? null : PatchSearch.Run(lowered, PatchRequest.Auto, streamedBudget, inputCallback: true).Chosen;

        // The memory end of the trade: the smallest streamed arena of any plan, whatever it costs in MACs.
        var smallest = candidates.Where(c => c.IsPatched).OrderBy(c => c.ArenaWithoutInput).ThenBy(c => c.Macs).FirstOrDefault();

        string qemu = "-";
        if (runInQemu && chosen.IsPatched)
        {
            // Layer by layer, the +10% plan, and the streamed plan with the image pulled through the callback.
            var plain = ModelVerification.Run(path, new CompileOptions { Board = runBoard }, seed: 3);
            var patched = ModelVerification.Run(path, new CompileOptions { Board = runBoard, Patch = PatchRequest.Fixed(chosen.SplitStep!.Value, chosen.TilesPerSide) }, seed: 3);
            var runs = new List<VerificationResult> { plain, patched };
            if (streamed is { IsPatched: true })
                runs.Add(ModelVerification.Run(path, new CompileOptions { Board = runBoard, Patch = PatchRequest.Fixed(streamed.SplitStep!.Value, streamed.TilesPerSide), InputCallback = true }, seed: 3));
            var same = runs.All(r => r.Match && r.Firmware[0].Bytes.SequenceEqual(plain.Firmware[0].Bytes));
            qemu = $"{runBoard}: {(same ? "equal" : "DIFFER")}; instr {plain.Instructions:N0} -> {patched.Instructions:N0} ({100.0 * (patched.Instructions - plain.Instructions) / plain.Instructions:+0;-0}%)" +
                   (runs.Count > 2 ? $", streamed {runs[2].Instructions:N0}, arena {runs[2].ArenaBytes:N0} B" : "");
        }

        var reduction = (double)mcunet / chosen.ArenaWithInput;
        string Plan(PatchCandidate? c) => c is null ? "-" : c.IsPatched ? $"{c.Label}: after #{c.SplitStep} {lowered.Operations[c.SplitStep!.Value].Kind}, {c.Geometry!.Rows.TileCount}x{c.Geometry.Cols.TileCount} tiles" : "layer by layer";
        table.AddRow(name, $"{macs / 1e6:0.0} M", $"{Kb(mcunet)} / {Kb(mcunetNoInput)}", Kb(unpatched.ArenaWithInput),
            Plan(chosen), $"{Kb(chosen.ArenaWithInput)} ({chosen.MacOverheadPercent:+0.0}%)", $"{reduction:0.0}x",
            Plan(streamed), streamed is null ? "-" : $"{Kb(streamed.ArenaWithoutInput)} ({streamed.MacOverheadPercent:+0.0}%)", streamed is null ? "-" : $"{(double)mcunet / streamed.ArenaWithoutInput:0.0}x",
            $"{counted.Candidate.Label}: {Kb(counted.Peak)} / {Kb(countedNoInput)} ({counted.Candidate.MacOverheadPercent:+0.0}%), {(double)mcunet / counted.Peak:0.0}x",
            smallest is null ? "-" : $"{smallest.Label}: {Kb(smallest.ArenaWithoutInput)} ({smallest.MacOverheadPercent:+0.0}%), {(double)mcunet / smallest.ArenaWithoutInput:0.0}x", qemu);
        rows.Add(new JsonObject
        {
            ["model"] = name,
            ["macs"] = macs,
            ["layer_by_layer_mcunet_count_bytes"] = mcunet,
            ["layer_by_layer_mcunet_count_without_input_bytes"] = mcunetNoInput,
            ["tinygen_layer_by_layer_arena_bytes"] = unpatched.ArenaWithInput,
            ["plan"] = chosen.Label,
            ["split_op"] = chosen.SplitStep,
            ["tiles_per_side"] = chosen.TilesPerSide,
            ["patched_arena_bytes"] = chosen.ArenaWithInput,
            ["patched_arena_input_streamed_bytes"] = chosen.ArenaWithoutInput,
            ["streamed_plan"] = streamed?.Label,
            ["streamed_plan_arena_bytes"] = streamed?.ArenaWithoutInput,
            ["streamed_plan_mac_overhead_percent"] = streamed is null ? null : Math.Round(streamed.MacOverheadPercent, 2),
            ["mac_overhead_percent"] = Math.Round(chosen.MacOverheadPercent, 2),
            ["reduction_vs_mcunet_count"] = Math.Round(reduction, 2),
            ["candidates"] = candidates.Count,
            ["mcunet_count_best_plan"] = counted.Candidate.Label,
            ["mcunet_count_best_plan_peak_bytes"] = counted.Peak,
            ["mcunet_count_best_plan_peak_without_input_bytes"] = countedNoInput,
            ["mcunet_count_best_plan_mac_overhead_percent"] = Math.Round(counted.Candidate.MacOverheadPercent, 2),
            ["mcunet_count_reduction"] = Math.Round((double)mcunet / counted.Peak, 2),
            ["smallest_streamed_plan"] = smallest?.Label,
            ["smallest_streamed_plan_arena_bytes"] = smallest?.ArenaWithoutInput,
            ["smallest_streamed_plan_mac_overhead_percent"] = smallest is null ? null : Math.Round(smallest.MacOverheadPercent, 2),
            ["qemu"] = qemu,
        });
    }
}
finally
{
    if (keep is null)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

AnsiConsole.Write(table);
Console.WriteLine($"kB = 1024 bytes. Patch plan: the fewest MACs among plans whose arena is no larger than the smallest reachable with at most +{MaxOverheadPercent}% MACs.");
Console.WriteLine("reduction: the MCUNetV2-count layer-by-layer peak (input in) / the patched TinyGen arena. MCUNetV2 count: bytes of the live activations per op,");
Console.WriteLine("depthwise in place, no alignment; the last column is the plan (+10% MACs at most) with the lowest peak under that count.");
Console.WriteLine("TinyGen arenas: placed blocks, 16-byte aligned, with the memory planner's in-place depthwise and 1x1 kernels (in a patched plan after");
Console.WriteLine("the split), so they can be below the MCUNetV2 count, which runs only depthwise in place; planned for the portable kernels.");
Console.WriteLine("smallest arena, any MACs: the patched plan with the smallest streamed arena whatever its MAC overhead (the memory end of the trade).");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
File.WriteAllText(jsonPath, new JsonArray(rows.Select(r => (JsonNode)r).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
Console.WriteLine($"written: {jsonPath}");
return 0;

static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " kB";

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "TinyGen.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
