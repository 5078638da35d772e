using TinyGen.Lowering;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// The arena the firmware links is the planned one: arm-none-eabi-nm reads the arena symbol's size
/// from the built ELF, and it must equal the plan's total. MLPerf Tiny's KWS (DS-CNN) peaks in its
/// depthwise/pointwise blocks, so the default planner runs them in place, and the firmware must still
/// equal the reference interpreter.
/// </summary>
public sealed class ArenaInFirmwareTests(ITestOutputHelper output)
{
    private const string KwsModel = "mlperf-tiny/kws/kws_ref_model_qdq.onnx";

    [RequiresFirmwareFact(KwsModel)]
    public void The_linked_arena_is_the_planned_arena_and_in_place_layers_equal_the_reference()
    {
        var work = Directory.CreateTempSubdirectory("tinygen-arena-").FullName;
        try
        {
            var result = FirmwareCheck.VerifyFile(TestPaths.ModelPath(KwsModel.Split('/')), "mps2-an386", output, inputFile: null, seed: 3, work);
            var project = result.Compilation.Project;
            Assert.Contains(project.Calls, c => c is InPlaceDepthwiseConvCall);
            // On this DSP core the pointwise layers run in place on the fast kernel itself, not on the portable in-place one.
            Assert.Contains(project.Calls, c => c is FastPointwiseConvCall { InPlace: true });
            Assert.DoesNotContain(project.Calls, c => c is InPlacePointwiseConvCall);
            // The first convolution reads the 49x10x1 input and writes 25x5x64: 490 + 8000 bytes, plus
            // on this DSP core the im2col kernel's two 40-byte columns (10x4x1 taps): 80 bytes of scratch.
            // That is the most ever live once the 64-channel blocks run in place (8000 + a padded channel, or a pixel widened to int16: 128 bytes).
            Assert.Equal(490 + 8000 + 80, project.Plan.LowerBound);
            Assert.Equal(project.Plan.TotalBytes, LinkedSymbols.SizeOf(work, project.SymbolPrefix + "_arena"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
