using System.Text.Json;
using Google.Protobuf;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Run;
using TinyGen.Tests.Cli;
using TinyGen.Tests.EndToEnd;
using TinyGen.Tests.Run;
using Xunit.Abstractions;

namespace TinyGen.Tests.Hardening;

/// <summary>
/// A real model whose every name (tensors, nodes, graph, file, doc strings) is hostile to C, make, JSON or a
/// terminal: comment terminators, quotes, backslashes, newlines, preprocessor lines, trigraphs, non-ASCII,
/// C keywords, names that only differ in what sanitizing removes, names far longer than any identifier. The
/// generated project must build with -Wall -Wextra -Werror under the sanitizers and compute exactly what the
/// reference interpreter computes, and the CLI's JSON must carry the names back unchanged.
/// </summary>
[Collection("cli")]
public sealed class HostileNameTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Hostile =
    [
        "in*/put", "/* open", "quote\"d", "back\\slash", "new\nline", "\r\n#include <stdio.h>", "#define int long",
        "trigraph??/", "??=??(??)", "int", "return", "main", "NULL", "été", "名前", "\u202Eevil", "emoji\U0001F600",
        "a-b", "a_b", "a b", "A-B", new string('x', 300) + "1", new string('x', 300) + "2", "0starts_with_digit", "", "'", "$(rm -rf /)", "`id`",
        "<script>alert(1)</script>", "\u001b]0;pwned\u0007", "\u001b[2J", "del\u007f", "c1\u009b31m",
    ];

    private readonly string folder = Directory.CreateTempSubdirectory("tinygen-hostile-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Every_model_name_made_hostile_still_gives_a_model_whose_names_differ()
    {
        var model = HostileModel();
        var names = model.Graph.Node.SelectMany(n => n.Input.Concat(n.Output)).Where(n => n.Length > 0).Distinct().ToList();
        Assert.Contains(names, n => n.Contains("*/", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains('\n'));
        Assert.Equal(model.Graph.Node.Count, model.Graph.Node.Select(n => n.Name).Distinct().Count());
    }

    [HostToolsFact]
    public void A_model_with_hostile_names_builds_strictly_runs_sanitizer_clean_and_equals_the_reference()
    {
        var path = Write();
        foreach (var seed in new[] { 1, 2 })
            FirmwareCheck.AssertBitExact(ModelVerification.RunOnHost(path, new CompileOptions(), seed: seed), output);
    }

    [Fact]
    public void Inspect_json_carries_the_hostile_names_back_unchanged()
    {
        var path = Write();
        var run = CliRunner.Run("inspect", path, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        // Every op and tensor name of the lowered graph (the oracle: the compiler's own graph, not the JSON writer).
        var lowered = Compiler.Lower(Compiler.Import(path));
        var expected = lowered.Operations.Select(o => o.Name).Concat(lowered.Inputs).Concat(lowered.Outputs).ToList();
        Assert.Contains(expected, n => n.Contains("*/", StringComparison.Ordinal) || n.Contains('\n') || n.Contains('"'));
        var found = Strings(doc.RootElement).ToHashSet(StringComparer.Ordinal);
        Assert.All(expected, name => Assert.Contains(name, found));

        var table = CliRunner.Run("inspect", path);
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.DoesNotContain('\u001b', table.Out); // no escape sequence reaches the terminal from a name
        Assert.DoesNotContain('\u009b', table.Out);

        var html = Path.Combine(folder, "report.html");
        var report = CliRunner.Run("report", path, "-o", html);
        Assert.True(report.ExitCode == 0, report.Error);
        var page = File.ReadAllText(html);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.DoesNotContain("\u001b", page);
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    private string Write()
    {
        var path = Path.Combine(folder, "m\"o\\del ??= é $(id) #x.onnx");
        File.WriteAllBytes(path, HostileModel().ToByteArray());
        return path;
    }

    /// <summary>The tiny CNN example with every value and node renamed from <see cref="Hostile"/> (a numbered variant once the list runs out).</summary>
    private static ModelProto HostileModel()
    {
        var model = ModelProto.Parser.ParseFrom(ExampleModels.TinyCnn());
        var g = model.Graph;
        var values = g.Input.Select(i => i.Name).Concat(g.Initializer.Select(i => i.Name)).Concat(g.Node.SelectMany(n => n.Input.Concat(n.Output)))
            .Where(n => n.Length > 0).Distinct().ToList();
        var renamed = values.Select((name, i) => (name, hostile: Pick(i, nonEmpty: true))).ToDictionary(p => p.name, p => p.hostile);
        string Rename(string name) => name.Length == 0 ? name : renamed[name];
        foreach (var vi in g.Input.Concat(g.Output).Concat(g.ValueInfo)) vi.Name = Rename(vi.Name);
        foreach (var t in g.Initializer) t.Name = Rename(t.Name);
        for (var i = 0; i < g.Node.Count; i++)
        {
            var node = g.Node[i];
            for (var k = 0; k < node.Input.Count; k++) node.Input[k] = Rename(node.Input[k]);
            for (var k = 0; k < node.Output.Count; k++) node.Output[k] = Rename(node.Output[k]);
            node.Name = Pick(values.Count + i, nonEmpty: false);
            node.DocString = "*/ #error doc \"\\";
        }
        g.Name = "*/ graph\n#error";
        model.DocString = "doc */ \u0000 \"";
        model.ProducerName = "\u001b[31mred\u001b[0m";
        return model;
    }

    private static string Pick(int i, bool nonEmpty)
    {
        var name = Hostile[i % Hostile.Length] + (i < Hostile.Length ? "" : (i / Hostile.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return nonEmpty && name.Length == 0 ? "_" : name;
    }
}
