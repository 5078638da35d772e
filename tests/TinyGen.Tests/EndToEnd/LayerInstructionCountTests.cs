using TinyGen.Frontends.Onnx.Building;
using TinyGen.Ir;
using TinyGen.Planning.Patching;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;
using Padding2D = TinyGen.Frontends.Onnx.Building.Padding2D;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// Per-layer instruction counts from a TG_LAYER_COUNTS build in QEMU: one count per call of invoke,
/// together the whole invoke (up to the few instructions after the last mark), and a convolution's
/// count grows with its MACs. Nothing is compared with figures this code produced earlier.
/// </summary>
public sealed class LayerInstructionCountTests(ITestOutputHelper output)
{
    private const string Board = "mps2-an386";

    /// <summary>
    /// What follows the last mark (return from invoke, reading SysTick in tg_icount_stop) plus one
    /// instruction of rounding per layer; a SysTick tick is 40 instructions on this 25 MHz board.
    /// </summary>
    private const long AfterLastMark = 200;

    /// <summary>A 12x12x8 image → conv 3x3 to <paramref name="channels"/> (ReLU) → conv 1x1 → global average pool → fully connected 4.</summary>
    private static GeneratedModel ConvStack(int channels)
    {
        var c = new QuantizedModelComposer();
        var x = c.Transpose(c.Input([1, 12, 12, 8], seed: 7), [0, 3, 1, 2]);
        x = c.Conv(x, new ConvSpec(x.Shape.ToArray(), channels) { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu, Seed = 11 });
        x = c.Conv(x, new ConvSpec(x.Shape.ToArray(), channels) { Kernel = (1, 1), Seed = 12 });
        x = c.GlobalAveragePool(x);
        x = c.Flatten(x);
        c.Output(c.FullyConnected(x, new FullyConnectedSpec(channels, 4) { Seed = 13 }));
        return c.Build();
    }

    [RequiresFirmwareFact]
    public void Layer_counts_add_up_to_the_invoke_and_grow_with_a_convolutions_macs()
    {
        InTempFolder(folder =>
        {
            var narrow = Measure(ConvStack(8), "narrow", new CompileOptions { Board = Board }, folder);
            var wide = Measure(ConvStack(32), "wide", new CompileOptions { Board = Board }, folder);

            Assert.Equal(2, ConvIndices(narrow).Count);
            Assert.Equal(ConvIndices(narrow), ConvIndices(wide));
            foreach (var conv in ConvIndices(narrow))
            {
                // 4x the MACs: a kernel whose cost followed its MACs at all takes well over twice the instructions
                Assert.True(wide.LayerInstructions[conv] > 2 * narrow.LayerInstructions[conv],
                    $"layer {conv}: {wide.LayerInstructions[conv]:N0} instructions at 32 channels, {narrow.LayerInstructions[conv]:N0} at 8");
            }
        });
    }

    [RequiresFirmwareFact]
    public void A_patch_stage_still_reports_one_count_per_layer()
    {
        InTempFolder(folder =>
        {
            var model = ConvStack(8);
            var path = Path.Combine(folder, "tiled.onnx");
            File.WriteAllBytes(path, model.Onnx);
            var split = PatchStage.Candidates(Compiler.Lower(Compiler.Import(path))).Max(s => s.SplitStep);
            var tiled = Measure(model, "tiled", new CompileOptions { Board = Board, Patch = PatchRequest.Fixed(split, 2) }, folder);
            var stage = tiled.Compilation.Patching!.Chosen.Geometry!.Stage;
            // every op of the stage ran (in every tile) and was charged
            for (var step = stage.FirstStep; step <= stage.SplitStep; step++)
                Assert.True(tiled.LayerInstructions[step] > 0, $"stage step {step} got no instructions");
        });
    }

    [RequiresFirmwareFact]
    public void An_ordinary_build_reports_no_layers()
    {
        InTempFolder(folder =>
        {
            var path = Path.Combine(folder, "plain.onnx");
            File.WriteAllBytes(path, ConvStack(8).Onnx);
            var result = ModelVerification.Run(path, new CompileOptions { Board = Board }, inputFile: null, Path.Combine(folder, "plain"));
            Assert.Empty(result.LayerInstructions);
            // the marks compile to nothing: no hook is linked in
            Assert.DoesNotContain("tg_harness_layer_done", File.ReadAllText(Path.Combine(folder, "plain", "build", "app.map")), StringComparison.Ordinal);
        });
    }

    private VerificationResult Measure(GeneratedModel model, string name, CompileOptions options, string folder)
    {
        var path = Path.Combine(folder, name + ".onnx");
        File.WriteAllBytes(path, model.Onnx);
        var result = ModelVerification.Run(path, options, inputFile: null, Path.Combine(folder, name), seed: 3, layerCounts: true);
        FirmwareCheck.AssertBitExact(result, output);
        var calls = result.Compilation.Project.Calls;
        for (var i = 0; i < calls.Length; i++)
            output.WriteLine($"{name} #{i} {calls[i].Op.Kind} {calls[i].Kernel}: {result.LayerInstructions[i]:N0}");
        output.WriteLine($"{name}: invoke {result.Instructions:N0}, layers {result.LayerInstructions.Sum():N0}");

        Assert.Equal(calls.Length, result.LayerInstructions.Count);
        var sum = result.LayerInstructions.Sum();
        Assert.InRange(result.Instructions - sum, 0, AfterLastMark + calls.Length);
        return result;
    }

    private static List<int> ConvIndices(VerificationResult r) =>
        r.Compilation.Project.Calls.Select((call, i) => (call, i)).Where(p => p.call.Op is Conv2D).Select(p => p.i).ToList();

    private static void InTempFolder(Action<string> body)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tinygen-layers-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try { body(folder); }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}
