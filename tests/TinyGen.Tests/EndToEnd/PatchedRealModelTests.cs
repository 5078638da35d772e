using TinyGen.Planning.Patching;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// MLPerf Tiny's image classification (ResNet-8) and visual wake words (MobileNetV1 0.25) nets
/// compiled with --patch auto under an SRAM budget below what they need layer by layer: half the arena
/// TFLite Micro needs for IC, 40% of it for VWW (54,996 and 100,708 bytes, measured with TFLM + CMSIS-NN
/// on mps2-an386; VWW layer by layer is already under half). The search must find a plan that fits (a
/// patch stage through the residual blocks for IC, through the first blocks for VWW, with the in-place
/// kernels after the split), the firmware must link exactly the planned arena, and its outputs must
/// equal the reference interpreter's bit for bit (as the layer-by-layer firmware's do).
/// </summary>
public sealed class PatchedRealModelTests(ITestOutputHelper output)
{
    private const string Board = "mps2-an386";

    [RequiresFirmwareTheory("mlperf-tiny/ic/pretrainedResnet_quant.tflite")]
    [InlineData("mlperf-tiny/ic/pretrainedResnet_quant.tflite", 54_996, 50)]
    [InlineData("mlperf-tiny/vww/vww_96_int8.tflite", 100_708, 40)]
    public void A_plan_under_a_share_of_tflms_arena_is_found_linked_and_bit_exact(string model, long tflmArena, int percent)
    {
        var path = TestPaths.ModelPath(model.Split('/'));
        var stack = Boards.BoardCatalog.Default().Get(Board).StackSize;
        var work = Directory.CreateTempSubdirectory("tinygen-patched-real-").FullName;
        try
        {
            var budget = tflmArena * percent / 100;
            var options = new CompileOptions { Board = Board, Patch = PatchRequest.Auto, SramBudget = stack + (ulong)budget };
            var patched = ModelVerification.Run(path, options, inputFile: null, Path.Combine(work, "patched"), seed: 7);
            var chosen = patched.Compilation.Patching!.Chosen;
            output.WriteLine($"{model}: plan {chosen.Label}, arena {patched.ArenaBytes:N0} B (TFLM {tflmArena:N0} B), " +
                             $"MACs {chosen.MacOverheadPercent:+0.0}%, {patched.Instructions:N0} instructions");
            FirmwareCheck.AssertBitExact(patched, output);

            Assert.True(chosen.IsPatched);
            Assert.True(patched.ArenaBytes <= budget, $"arena {patched.ArenaBytes} B");
            Assert.Equal(patched.ArenaBytes, LinkedSymbols.SizeOf(Path.Combine(work, "patched"), patched.Compilation.Project.SymbolPrefix + "_arena"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
