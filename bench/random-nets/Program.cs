using TinyGen;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Planning.Patching;
using TinyGen.Run;

// Nets the tests never saw: chains of four random layers (convolutions of kernel 1, 2, 3 or 5 with
// stride 1 or 2, dilation, padding and 1 to 20 output channels; depthwise; pointwise; 2x2 average
// pools), sometimes a global average pool, random channel counts and image sizes, QDQ or QOperator,
// int8 or uint8, typical, huge or tiny requantization multipliers. Each is compiled for the board, run
// in QEMU and compared with the reference interpreter; with --patched, on a random patch stage and
// tile count, half of them with the image pulled through the input callback. Prints each failure and
// a count; a failing model stays in the work folder to compile again. Figures, not assertions.
var seed = 1;
var count = 100;
var boards = new[] { "mps2-an386", "mps3-an547", "mps2-an385" };
var patched = false;
for (var a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--seed" when a + 1 < args.Length: seed = int.Parse(args[++a]); break;
        case "--count" when a + 1 < args.Length: count = int.Parse(args[++a]); break;
        case "--boards" when a + 1 < args.Length: boards = args[++a].Split(','); break;
        case "--patched": patched = true; break;
        default:
            Console.Error.WriteLine("usage: bench/random-nets/run.sh [--seed S] [--count N] [--boards B1,B2] [--patched]");
            return 2;
    }
}

var folder = Path.Combine(Path.GetTempPath(), $"tinygen-random-nets-{seed}");
Directory.CreateDirectory(folder);
var totalFailures = 0;
foreach (var board in boards)
{
    var random = new Random(seed);
    int ran = 0, failures = 0;
    for (var i = 0; i < count; i++)
    {
        var (model, layers) = RandomNet(random, seed * 1000 + i);
        var path = Path.Combine(folder, $"{board}-net{i}.onnx");
        File.WriteAllBytes(path, model.Onnx);
        var options = new CompileOptions { Board = board };
        if (patched)
        {
            var splits = PatchStage.Candidates(Compiler.Lower(Compiler.Import(path))).Select(s => s.SplitStep).ToList();
            if (splits.Count == 0) continue;
            options = options with { Patch = PatchRequest.Fixed(splits[random.Next(splits.Count)], random.Next(2, 5)), InputCallback = random.Next(2) == 0 };
        }
        try
        {
            var result = ModelVerification.Run(path, options, inputFile: null, Path.Combine(folder, $"{board}-build{i}"), seed: i);
            ran++;
            if (result.Match) continue;
            failures++;
            Console.WriteLine($"MISMATCH {path} ({layers}{Patch(options)})");
        }
        catch (TinyGenException e) when (patched && e.Message.Contains("would read only padding", StringComparison.Ordinal))
        {
            // a tile count too fine for the stage: not a plan anyone can run
        }
        catch (TinyGenException e)
        {
            ran++;
            failures++;
            Console.WriteLine($"ERROR {path} ({layers}{Patch(options)}): {e.Message.Split('\n')[0]}");
        }
    }
    Console.WriteLine($"{board}: {ran} nets{(patched ? " patched" : "")}, {failures} differ from the reference or fail");
    totalFailures += failures;
}
return totalFailures == 0 ? 0 : 1;

static string Patch(CompileOptions o) => o.Patch.Mode == PatchMode.Off ? "" : $", --patch {o.Patch}{(o.InputCallback ? " --input-callback" : "")}";

static (GeneratedModel Model, string Layers) RandomNet(Random random, int seed)
{
    MultiplierRange[] ranges = [MultiplierRange.Typical, MultiplierRange.Huge, MultiplierRange.Tiny];
    var options = new QuantOptions
    {
        Form = random.Next(2) == 0 ? QuantForm.Qdq : QuantForm.QOperator,
        Activations = random.Next(3) == 0 ? ActivationDataType.UInt8 : ActivationDataType.Int8,
        Multipliers = ranges[random.Next(ranges.Length)],
    };
    var c = new QuantizedModelComposer(options);
    var x = c.Transpose(c.Input([1, random.Next(4, 14), random.Next(4, 14), random.Next(1, 10)], seed), [0, 3, 1, 2]);
    ConvActivation[] activations = [ConvActivation.None, ConvActivation.Relu, ConvActivation.Relu6];
    var layers = new List<string>();
    for (var l = 0; l < 4; l++)
    {
        var shape = x.Shape.ToArray();
        int k = new[] { 1, 2, 3, 5 }[random.Next(4)], s = random.Next(1, 3), d = k > 1 && random.Next(4) == 0 ? 2 : 1;
        int ph = random.Next(0, k), pw = random.Next(0, k);
        var kind = random.Next(4);
        if (shape[2] + 2 * ph - d * (k - 1) - 1 < 0 || shape[3] + 2 * pw - d * (k - 1) - 1 < 0) continue;
        var activation = activations[random.Next(activations.Length)];
        switch (kind)
        {
            case 0:
                x = c.Conv(x, new ConvSpec(shape, random.Next(1, 21))
                {
                    Kernel = (k, k), Stride = (s, s), Dilation = (d, d), Pads = Padding2D.Symmetric(ph, pw), Activation = activation,
                    PerChannel = random.Next(2) == 0, Bias = random.Next(4) != 0, Seed = random.Next(1000),
                });
                layers.Add($"conv {k}x{k} s{s} d{d}");
                break;
            case 1:
                x = c.Conv(x, ConvSpec.Depthwise(shape) with
                {
                    Kernel = (k, k), Stride = (s, s), Dilation = (d, d), Pads = Padding2D.Symmetric(ph, pw), Activation = activation, Seed = random.Next(1000),
                });
                layers.Add($"depthwise {k}x{k} s{s} d{d}");
                break;
            case 2:
                x = c.Conv(x, new ConvSpec(shape, random.Next(1, 33)) { Kernel = (1, 1), Activation = activation, Seed = random.Next(1000) });
                layers.Add("pointwise");
                break;
            default:
                if (shape[2] < 2 || shape[3] < 2) continue;
                x = c.AveragePool(x, new PoolSpec(PoolKind.Average, shape) { Kernel = (2, 2), Stride = (random.Next(1, 3), random.Next(1, 3)) });
                layers.Add("average pool 2x2");
                break;
        }
    }
    if (random.Next(2) == 0)
    {
        x = c.GlobalAveragePool(x);
        layers.Add("global average pool");
    }
    c.Output(x);
    return (c.Build(), string.Join(", ", layers));
}
