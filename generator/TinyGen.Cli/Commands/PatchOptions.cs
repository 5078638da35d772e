using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using TinyGen.Diagnostics;
using TinyGen.Planning.Patching;

namespace TinyGen.Cli.Commands;

/// <summary>The patch-based inference options (--patch, --sram, --input-callback) and the candidate table they print.</summary>
public sealed class PatchOptions
{
    public Option<string> Patch { get; } = new("--patch")
    {
        Description = "Patch-based inference: off (layer by layer), auto (search every split and 2..8 tiles per side, take the fewest MACs that fit --sram), or SPLIT:P (the stage ends with op SPLIT as inspect numbers it, P x P tiles).",
        DefaultValueFactory = _ => "off",
    };

    public Option<string?> Sram { get; } = new("--sram") { Description = "SRAM the model may use, arena + stack, in bytes (suffix k or M for 1024s). Default: the board's budget." };

    public Option<bool> InputCallback { get; } = new("--input-callback")
    {
        Description = "The patch stage pulls each tile's input window through tg_<model>_read_input(row, col, rows, cols, dst), so the image need not be in the arena (flash, external RAM, camera).",
    };

    public Option<string> Objective { get; } = new("--objective")
    {
        Description = "What --patch auto picks among the plans that fit --sram: macs (the fewest multiply-accumulates; layer by layer when it fits) or memory (the smallest arena, ties to fewer MACs).",
        DefaultValueFactory = _ => "macs",
    };

    public IEnumerable<Option> All => [Patch, Sram, Objective, InputCallback];

    public CompileOptions Apply(ParseResult parse, CompileOptions options) => options with
    {
        Patch = PatchRequest.Parse(parse.GetValue(Patch)!),
        SramBudget = ParseBytes(parse.GetValue(Sram)),
        Objective = ParseObjective(parse.GetValue(Objective)!),
        InputCallback = parse.GetValue(InputCallback),
    };

    public static PatchObjective ParseObjective(string text) => text.Trim().ToLowerInvariant() switch
    {
        "macs" => PatchObjective.FewestMacs,
        "memory" => PatchObjective.SmallestArena,
        _ => throw new TinyGenException($"--objective '{text}': expected macs (fewest MACs that fit --sram) or memory (smallest arena)"),
    };

    public static ulong? ParseBytes(string? text)
    {
        if (text is null) return null;
        var t = text.Trim();
        ulong unit = 1;
        if (t.EndsWith('k') || t.EndsWith('K')) { unit = 1024; t = t[..^1]; }
        else if (t.EndsWith('M')) { unit = 1024 * 1024; t = t[..^1]; }
        if (ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            return value * unit;
        throw new TinyGenException($"--sram '{text}': expected a positive number of bytes, e.g. 262144, 256k or 1M");
    }

    /// <summary>The plans weighed (all of them when few; else the cheapest that fit and the smallest), the chosen one marked.</summary>
    public static void PrintCandidates(Compilation compilation)
    {
        if (compilation.Patching is not { } search) return;
        var callback = search.InputCallback;
        var shown = search.Candidates.Length <= 30
            ? search.Candidates.ToList()
            : search.Candidates.Where(c => c.Arena(callback) <= search.ArenaBudget).OrderBy(c => c.Macs).Take(15)
                .Concat(search.Candidates.OrderBy(c => c.Arena(callback)).Take(5))
                .Append(search.Chosen).Distinct().OrderBy(c => c.SplitStep ?? -1).ThenBy(c => c.TilesPerSide).ToList();
        var ops = compilation.Lowered.Operations;
        var table = new Table().AddColumns("plan", "split after", "tiles", "arena (input in)", "arena (input streamed)", "MACs", "MAC overhead", "fits");
        foreach (var c in shown)
        {
            var chosen = ReferenceEquals(c, search.Chosen);
            string Cell(string s) => chosen ? $"[bold]{Markup.Escape(s)}[/]" : Markup.Escape(s);
            table.AddRow(
                Cell((chosen ? "* " : "  ") + c.Label),
                Cell(c.SplitStep is { } s ? $"#{s} {ops[s].Kind}" : "-"),
                Cell(c.Geometry is { } g ? $"{g.Rows.TileCount}x{g.Cols.TileCount}" : "-"),
                Cell(c.ArenaWithInput.ToString("N0", CultureInfo.InvariantCulture)),
                Cell(c.IsPatched ? c.ArenaWithoutInput.ToString("N0", CultureInfo.InvariantCulture) : "-"),
                Cell(c.Macs.ToString("N0", CultureInfo.InvariantCulture)),
                Cell($"{c.MacOverheadPercent:+0.0;-0.0;0.0}%"),
                Cell(c.Arena(callback) <= search.ArenaBudget ? "yes" : "no"));
        }
        AnsiConsole.Write(table);
        var note = search.Candidates.Length > shown.Count ? $" ({shown.Count} of {search.Candidates.Length} plans shown)" : "";
        var objective = search.Objective == PatchObjective.SmallestArena ? "smallest arena" : "fewest MACs";
        Console.WriteLine($"patch plan ({objective} that fits): {PatchSearch.Describe(search.Chosen)}, {search.Chosen.MacOverheadPercent:+0.0;-0.0;0.0}% MACs; arena budget {search.ArenaBudget:N0} B (SRAM {compilation.SramBudget:N0} - stack {compilation.Board.StackSize:N0}){note}");
    }

    public static JsonObject? Json(Compilation compilation)
    {
        if (compilation.Patching is not { } search) return null;
        JsonObject Row(PatchCandidate c) => new()
        {
            ["plan"] = c.Label,
            ["split"] = c.SplitStep,
            ["tiles_per_side"] = c.TilesPerSide,
            ["arena_with_input"] = c.ArenaWithInput,
            ["arena_without_input"] = c.ArenaWithoutInput,
            ["macs"] = c.Macs,
            ["mac_overhead_percent"] = Math.Round(c.MacOverheadPercent, 2),
        };
        return new JsonObject
        {
            ["chosen"] = Row(search.Chosen),
            ["arena_budget"] = search.ArenaBudget,
            ["input_callback"] = search.InputCallback,
            ["objective"] = search.Objective == PatchObjective.SmallestArena ? "memory" : "macs",
            ["candidates"] = new JsonArray(search.Candidates.Select(c => (JsonNode)Row(c)).ToArray()),
        };
    }
}
