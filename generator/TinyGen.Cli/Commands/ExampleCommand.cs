using System.CommandLine;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Building;

namespace TinyGen.Cli.Commands;

/// <summary>Writes one of the bundled example models, built in code with seeded weights.</summary>
public static class ExampleCommand
{
    private static readonly Dictionary<string, Func<int, byte[]>> Examples = new(StringComparer.Ordinal)
    {
        ["ds-cnn"] = ExampleModels.DsCnn,
        ["tiny-cnn"] = ExampleModels.TinyCnn,
        ["mlp"] = ExampleModels.Mlp,
    };

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = $"Which example: {string.Join(", ", Examples.Keys)}." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the .onnx file.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the random weights.", DefaultValueFactory = _ => 1 };
        var command = new Command("example", "Write a bundled example model: a quantized ONNX network with seeded weights.\n\nExample:\n  tinygen example ds-cnn -o ds_cnn.onnx")
        {
            name, output, seed,
        };
        command.SetAction(parse => Program.Guarded(() =>
        {
            var which = parse.GetValue(name)!;
            if (!Examples.TryGetValue(which, out var build))
                throw new TinyGenException($"unknown example '{which}'; choose one of: {string.Join(", ", Examples.Keys)}");
            var path = parse.GetValue(output)!;
            var bytes = build(parse.GetValue(seed));
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
            Console.WriteLine($"wrote {path} ({bytes.Length:N0} bytes)");
            return 0;
        }));
        return command;
    }
}
