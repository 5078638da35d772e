using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Ir;
using TinyGen.Lowering;
using Padding2D = TinyGen.Frontends.Onnx.Building.Padding2D;
using PoolKind = TinyGen.Frontends.Onnx.Building.PoolKind;
using TinyGen.Planning.Patching;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// Patch-based inference proven in QEMU: the same model built layer by layer and with a patch stage
/// (given splits and tile counts, the searched plan, the input pulled through the callback) must give
/// outputs equal to the reference interpreter's and so to each other, bit for bit.
/// </summary>
public sealed class PatchInferenceTests(ITestOutputHelper output)
{
    private const string Board = "mps2-an386";
    private const string KwsModel = "mlperf-tiny/kws/kws_ref_model_qdq.onnx";
    private const string KwsSample = "mlperf-tiny/kws/sample_input_int8.bin";

    /// <summary>
    /// An NHWC image 29x27x3 (odd, so no tile count divides it) → conv 3x3 s2 → conv 5x5 dilation 2 →
    /// depthwise 7x7 → max pool 3x3 s2 → conv 1x1 added back (a residual inside the stage) → concat with
    /// a 3x3 conv of itself (parts requantized) → average pool 3x3 s1 → conv 3x3 with uneven padding →
    /// global average pool → fully connected 5.
    /// </summary>
    private static GeneratedModel OddStack()
    {
        var c = new QuantizedModelComposer();
        var x = c.Transpose(c.Input([1, 29, 27, 3], seed: 3), [0, 3, 1, 2]);
        var seed = 100;
        QuantizedValue Conv(QuantizedValue v, ConvSpec spec) => c.Conv(v, spec with { Seed = ++seed });
        x = Conv(x, new ConvSpec(x.Shape.ToArray(), 8) { Stride = (2, 2), Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu });
        x = Conv(x, new ConvSpec(x.Shape.ToArray(), 8) { Kernel = (5, 5), Dilation = (2, 2), Pads = Padding2D.Symmetric(4, 4), Activation = ConvActivation.Relu6 });
        x = Conv(x, ConvSpec.Depthwise(x.Shape.ToArray()) with { Kernel = (7, 7), Pads = Padding2D.Symmetric(3, 3), Activation = ConvActivation.Relu });
        x = c.MaxPool(x, new PoolSpec(PoolKind.Max, x.Shape.ToArray()) { Kernel = (3, 3), Stride = (2, 2), Pads = Padding2D.Symmetric(1, 1) });
        var branch = Conv(x, new ConvSpec(x.Shape.ToArray(), 8) { Kernel = (1, 1) });
        x = c.Binary(branch, x, BinaryOp.Add, ++seed);
        var side = Conv(x, new ConvSpec(x.Shape.ToArray(), 4) { Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu });
        x = c.Concat([x, side], axis: 1, seed: ++seed);
        x = c.AveragePool(x, new PoolSpec(PoolKind.Average, x.Shape.ToArray()) { Kernel = (3, 3), Stride = (1, 1), Pads = Padding2D.Symmetric(1, 1) });
        x = Conv(x, new ConvSpec(x.Shape.ToArray(), 6) { Pads = Padding2D.Explicit(0, 1, 2, 1), Activation = ConvActivation.Relu });
        x = c.GlobalAveragePool(x);
        x = c.Flatten(x);
        c.Output(c.FullyConnected(x, new FullyConnectedSpec(6, 5) { Seed = ++seed }));
        return c.Build();
    }

    /// <summary>
    /// On the DSP core (M4) and the MVE one (M55): the stage's tiles run the core's fast kernels where
    /// they take any window (the int16 im2col and pointwise convolutions and the depthwise on the DSP,
    /// the GEMMs and the depthwise on MVE), their scratch in the tile arena, and still give the reference's bits.
    /// </summary>
    [RequiresFirmwareTheory]
    [InlineData(Board)]
    [InlineData("mps3-an547")]
    public void Odd_stack_gives_the_same_bits_layer_by_layer_tiled_and_streamed(string board)
    {
        InTempFolder(folder =>
        {
            var path = Path.Combine(folder, "odd_stack.onnx");
            File.WriteAllBytes(path, OddStack().Onnx);
            var lowered = Compiler.Lower(Compiler.Import(path));
            var splits = PatchStage.Candidates(lowered).Select(s => s.SplitStep).ToList();
            var last = splits.Max();
            Assert.Contains(lowered.Operations, op => op is Binary && lowered.Operations.IndexOf(op) <= last);
            Assert.Contains(lowered.Operations, op => op is Concat && lowered.Operations.IndexOf(op) <= last);

            var plain = Verify(path, new CompileOptions { Board = board }, folder, "plain");
            var tiled = Verify(path, new CompileOptions { Board = board, Patch = PatchRequest.Fixed(last, 3) }, folder, "tiled");
            var streamed = Verify(path, new CompileOptions { Board = board, Patch = PatchRequest.Fixed(splits[splits.Count / 2], 4), InputCallback = true }, folder, "streamed");

            Assert.Equal(plain.Firmware[0].Bytes.ToArray(), tiled.Firmware[0].Bytes.ToArray());
            Assert.Equal(plain.Firmware[0].Bytes.ToArray(), streamed.Firmware[0].Bytes.ToArray());
            Assert.Equal(9, tiled.Compilation.Patching!.Chosen.Geometry!.TileCount);
            // one loop over the tiles, not one copy of the stage's code per tile
            var source = tiled.Compilation.Project["odd_stack.c"].Content;
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(source, @"for \(int32_t tile_row = 0;"));
            // The stage's depthwise 7x7 and its convolutions run the core's own kernels on each tile.
            var stageOps = tiled.Compilation.Patching.Chosen.Geometry.Stage.Ops.Select(o => tiled.Compilation.Project.Calls[o.Step]).ToList();
            Assert.Contains(stageOps, call => call is DepthwiseConvCall { Dsp: true } or DepthwiseConvCall { Mve: true });
            Assert.Contains(stageOps, call => call is WideConvCall or MveGemmCall);
        });
    }

    [RequiresFirmwareFact(KwsModel)]
    public void Kws_searched_patch_plan_with_streamed_input_equals_the_reference()
    {
        var path = TestPaths.ModelPath(KwsModel.Split('/'));
        var lowered = Compiler.Lower(Compiler.Import(path));
        var layerByLayer = PatchSearch.Unpatched(lowered).ArenaWithInput;
        // with the input streamed only patched plans qualify; the search takes the one with the fewest MACs
        var options = new CompileOptions { Board = Board, Patch = PatchRequest.Auto, InputCallback = true };
        var result = ModelVerification.Run(path, options, TestPaths.ModelPath(KwsSample.Split('/')), seed: 1);
        output.WriteLine($"KWS plan {result.Compilation.Patching!.Chosen.Label}: arena {result.ArenaBytes} B (layer by layer {layerByLayer} B), {result.Instructions:N0} instructions");
        FirmwareCheck.AssertBitExact(result, output);
        Assert.True(result.Compilation.Patching.Chosen.IsPatched);
        var scores = result.Firmware.Single().ToInt8();
        Assert.Equal(5, Array.IndexOf(scores, scores.Max()));
    }

    /// <summary>
    /// MobileNetV2 1.0 at 224 (seeded weights, 3.7 MB of int8 weights: the M3 board's flash holds them)
    /// split after the 28x28x32 block with 4x4 tiles, as MCUNetV2 splits it, the image pulled through
    /// the callback: the firmware must equal the reference, and its arena must be the most bytes one
    /// step of the 28x28 inverted-residual blocks holds, worked by hand: the block input kept for the
    /// residual (28x28x32), the expanded map the depthwise and the 1x1 projection overwrite in place
    /// (28x28x192), and the depthwise's ring of three padded rows (3 x 30). The tile stage (its full
    /// output and tile buffers) and every later layer stay below that.
    /// </summary>
    [RequiresFirmwareFact]
    public void MobileNetV2_224_split_after_the_28x28_block_with_streamed_input_equals_the_reference()
    {
        InTempFolder(folder =>
        {
            var path = Path.Combine(folder, "mobilenetv2_224.onnx");
            File.WriteAllBytes(path, BenchmarkModels.MobileNetV2(1.0, 224).Onnx);
            var lowered = Compiler.Lower(Compiler.Import(path));
            var split = lowered.Operations.Select((op, i) => (op, i)).First(x => x.op is Conv2D && lowered[x.op.Outputs[0]].Shape.SequenceEqual(new[] { 1, 28, 28, 32 })).i;
            var options = new CompileOptions { Board = "mps2-an385", Patch = PatchRequest.Fixed(split, 4), InputCallback = true };
            var result = ModelVerification.Run(path, options, inputFile: null, Path.Combine(folder, "build"), seed: 7);
            output.WriteLine($"MobileNetV2-224 {result.Compilation.Patching!.Chosen.Label}: arena {result.ArenaBytes} B, {result.Instructions:N0} instructions, " +
                             $"+{result.Compilation.Patching.Chosen.MacOverheadPercent:0.0}% MACs");
            FirmwareCheck.AssertBitExact(result, output);
            Assert.Equal(28 * 28 * 32 + 28 * 28 * 192 + 3 * 30, result.ArenaBytes);
            Assert.Equal(result.ArenaBytes, LinkedSymbols.SizeOf(Path.Combine(folder, "build"), result.Compilation.Project.SymbolPrefix + "_arena"));
        });
    }

    private const string VwwModel = "mlperf-tiny/vww/vww_96_int8.tflite";

    [RequiresFirmwareFact(VwwModel)]
    public void Vww_tflite_with_streamed_input_and_8x8_tiles_equals_the_reference()
    {
        // MLPerf Tiny's visual wake words net (MobileNetV1 0.25, 96x96, NHWC as TFLite stores it):
        // the stage ends with the first stride-2 depthwise (#3), 8x8 tiles, the image pulled by the callback
        var path = TestPaths.ModelPath(VwwModel.Split('/'));
        var result = ModelVerification.Run(path, new CompileOptions { Board = Board, Patch = PatchRequest.Fixed(3, 8), InputCallback = true }, seed: 2);
        output.WriteLine($"VWW 3:8 streamed: arena {result.ArenaBytes} B, {result.Instructions:N0} instructions");
        FirmwareCheck.AssertBitExact(result, output);
        Assert.Equal(64, result.Compilation.Patching!.Chosen.Geometry!.TileCount);
    }

    [Fact]
    public void A_budget_no_plan_meets_fails_with_the_bytes_missing()
    {
        InTempFolder(folder =>
        {
            var path = Path.Combine(folder, "odd_stack.onnx");
            File.WriteAllBytes(path, OddStack().Onnx);
            var board = Boards.BoardCatalog.Default().Get(Board);
            var e = Assert.Throws<TinyGenException>(() => Compiler.Compile(path, new CompileOptions { Board = Board, Patch = PatchRequest.Auto, SramBudget = board.StackSize + 64 }));
            Assert.Matches(@"needs an arena of [\d,]+ bytes, [\d,]+ bytes more than the 64 available", e.Message);
        });
    }

    private VerificationResult Verify(string path, CompileOptions options, string folder, string name)
    {
        var result = ModelVerification.Run(path, options, inputFile: null, Path.Combine(folder, name), seed: 5);
        output.WriteLine($"{name}: arena {result.ArenaBytes} B, {result.Instructions:N0} instructions, plan {result.Compilation.Patching?.Chosen.Label ?? "off"}");
        FirmwareCheck.AssertBitExact(result, output);
        return result;
    }

    private static void InTempFolder(Action<string> body)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tinygen-patch-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try { body(folder); }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}
