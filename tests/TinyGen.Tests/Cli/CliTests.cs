using System.Text.Json;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Frontends.Tflite.Building;
using TinyGen.Tests.Frontends.Tflite;
using TinyGen.Reference;
using TinyGen.Inputs;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Cli;

[Collection("cli")]
public sealed class CliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tinygen-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string ExampleModel()
    {
        var path = Path.Combine(folder, "tiny_cnn.onnx");
        File.WriteAllBytes(path, ExampleModels.TinyCnn(3));
        return path;
    }

    [Fact]
    public void Inspect_prints_every_layer_and_the_same_facts_as_json()
    {
        var model = ExampleModel();
        var lowered = Compiler.Lower(Compiler.Import(model));

        var text = CliRunner.Run("inspect", model);
        Assert.Equal(0, text.ExitCode);
        Assert.Equal("", text.Error);
        foreach (var op in lowered.Operations) Assert.Contains(op.Kind, text.Out);

        var json = CliRunner.Run("inspect", model, "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(lowered.Operations.Length, doc.RootElement.GetProperty("layers").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("macs").ValueKind);
        Assert.True(doc.RootElement.GetProperty("macs").GetInt64() > 0);
    }

    [Fact]
    public void Plan_prints_steps_arena_map_and_bound_and_writes_an_svg_timeline()
    {
        var model = ExampleModel();
        var lowered = Compiler.Lower(Compiler.Import(model));
        var svg = Path.Combine(folder, "plan.svg");

        var text = CliRunner.Run("plan", model, "--svg", svg);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("lower bound", text.Out);
        Assert.Contains("patch plan: none", text.Out);

        var json = CliRunner.Run("plan", model, "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        var root = doc.RootElement;
        Assert.Equal(lowered.Operations.Length, root.GetProperty("steps").GetArrayLength());
        var arena = root.GetProperty("arena").GetInt64();
        var bound = root.GetProperty("lower_bound").GetInt64();
        Assert.InRange(bound, 1, arena);
        // The bound is the largest per-step live figure, and every buffer lies inside the arena.
        Assert.Equal(bound, root.GetProperty("steps").EnumerateArray().Max(s => s.GetProperty("live_bytes").GetInt64()));
        Assert.All(root.GetProperty("buffers").EnumerateArray(), b => Assert.True(b.GetProperty("offset").GetInt64() + b.GetProperty("size").GetInt64() <= arena));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("patch_plan").ValueKind);

        // The SVG is well-formed XML with one rectangle per storage block (tensors sharing bytes drawn once).
        var blocks = root.GetProperty("buffers").EnumerateArray()
            .Select(b => b.GetProperty("kind").GetString() + ":" + (b.GetProperty("in_place_of").GetString() ?? b.GetProperty("name").GetString())).Distinct().Count();
        var xml = System.Xml.Linq.XDocument.Load(svg);
        Assert.Equal(blocks, xml.Descendants().Count(e => e.Name.LocalName == "rect"));
    }

    [Fact]
    public void Plan_takes_the_patch_options_and_the_objective_picks_fewest_macs_or_smallest_arena()
    {
        var model = Path.Combine(folder, "resnet8.onnx");
        File.WriteAllBytes(model, BenchmarkModels.ResNet8().Onnx);

        JsonElement Plan(params string[] extra)
        {
            var run = CliRunner.Run(["plan", model, "--patch", "auto", "--json", .. extra]);
            Assert.True(run.ExitCode == 0, run.Error);
            return JsonDocument.Parse(run.Out).RootElement.Clone();
        }

        // The board's SRAM holds ResNet-8 layer by layer, which has the fewest MACs.
        var fastest = Plan();
        Assert.Equal("off", fastest.GetProperty("patch_plan").GetProperty("chosen").GetProperty("plan").GetString());
        Assert.Equal("macs", fastest.GetProperty("patch_plan").GetProperty("objective").GetString());

        var smallest = Plan("--objective", "memory");
        var patch = smallest.GetProperty("patch_plan");
        var arenas = patch.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("arena_with_input").GetInt64()).ToList();
        var chosen = patch.GetProperty("chosen");
        Assert.NotEqual("off", chosen.GetProperty("plan").GetString());
        Assert.Equal(arenas.Min(), chosen.GetProperty("arena_with_input").GetInt64());
        // the plan shown is the one compiled: its arena and one step per op
        Assert.Equal(arenas.Min(), smallest.GetProperty("arena").GetInt64());
        Assert.True(arenas.Min() < fastest.GetProperty("arena").GetInt64());
        Assert.Equal(fastest.GetProperty("steps").GetArrayLength(), smallest.GetProperty("steps").GetArrayLength());

        Assert.Equal(2, CliRunner.Run("plan", model, "--patch", "auto", "--objective", "speed").ExitCode);
    }

    [RequiresFirmwareFact]
    public void Run_json_has_the_scripted_keys_as_numbers_and_outputs_equal_to_the_reference()
    {
        var model = ExampleModel();
        var result = CliRunner.Run("run", model, "--board", "mps2-an385", "--json", "--seed", "7");
        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        foreach (var key in new[] { "instructions", "arena", "stack", "flash", "argmax" })
            Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        Assert.True(root.GetProperty("match").GetBoolean());

        // independent of the run's own comparison: the reference on the same seeded input
        var lowered = Compiler.Lower(Compiler.Import(model));
        var expected = Interpreter.Run(lowered, ModelInputs.Create(lowered, null, 7))[0].ToDoubles();
        Assert.Equal(expected, root.GetProperty("outputs").EnumerateArray().Select(v => v.GetDouble()).ToArray());
        Assert.Equal(Array.IndexOf(expected, expected.Max()), root.GetProperty("argmax").GetInt32());
    }

    [RequiresFirmwareFact]
    public void Run_text_output_names_the_match()
    {
        var result = CliRunner.Run("run", ExampleModel());
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("match: yes", result.Out);
    }

    [Theory]
    [InlineData("missing.onnx", "does not exist")]
    [InlineData("garbage.onnx", "not a valid ONNX model")]
    [InlineData("model.tflite", "not a valid TFLite model")]
    public void Bad_model_files_give_one_line_and_exit_2(string file, string expected)
    {
        var path = Path.Combine(folder, file);
        if (file != "missing.onnx") File.WriteAllText(path, "this is not a model");
        var result = CliRunner.Run("compile", path, "-o", Path.Combine(folder, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void Tflite_models_are_inspected_and_an_unsupported_op_is_one_line_with_exit_2()
    {
        var good = Path.Combine(folder, "conv.tflite");
        File.WriteAllBytes(good, TfliteTestModels.ConvReluPool());
        var inspected = CliRunner.Run("inspect", good);
        Assert.True(inspected.ExitCode == 0, inspected.Error);
        Assert.Contains("Conv2D", inspected.Out);

        var builder = new TfliteModelBuilder();
        var x = builder.Int8("x", [1, 4], 0.1f, 0);
        var y = builder.Int8("y", [1, 4], 0.1f, 0);
        builder.AddOperator(28, [x], [y]); // TANH
        var bad = Path.Combine(folder, "tanh.tflite");
        File.WriteAllBytes(bad, builder.Inputs(x).Outputs(y).Build());
        var result = CliRunner.Run("compile", bad, "-o", Path.Combine(folder, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("operator 0 (TANH) is not supported", result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Unknown_board_and_bad_options_exit_2()
    {
        var model = ExampleModel();
        var board = CliRunner.Run("inspect", model, "--board", "no-such-board");
        Assert.Equal(2, board.ExitCode);
        Assert.Contains("mps2-an386", board.Error);
        Assert.Equal(2, CliRunner.Run("compile", model).ExitCode); // -o is required
        Assert.Equal(2, CliRunner.Run("frobnicate").ExitCode);
    }

    [Fact]
    public void Input_file_of_the_wrong_size_is_rejected_with_the_expected_size()
    {
        var model = ExampleModel();
        var input = Path.Combine(folder, "short.bin");
        File.WriteAllBytes(input, new byte[3]);
        var result = CliRunner.Run("run", model, "--input", input);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs", result.Error);
    }

    [Fact]
    public void Compile_refuses_to_replace_a_folder_it_did_not_write()
    {
        var model = ExampleModel();
        var target = Path.Combine(folder, "user-project");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "main.c"), "int main(void) { return 0; }");
        var result = CliRunner.Run("compile", model, "-o", target);
        Assert.Equal(2, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(target, "main.c")));
        Assert.Equal(0, CliRunner.Run("compile", model, "-o", Path.Combine(folder, "fresh")).ExitCode);
        Assert.Equal(0, CliRunner.Run("compile", model, "-o", Path.Combine(folder, "fresh")).ExitCode); // TinyGen's own folder may be replaced
    }
}
