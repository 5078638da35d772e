using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning.Patching;

/// <summary>
/// The kernel calls of a graph with a patch stage. Every op outside the stage gets the kernel chosen
/// for the core, as in a layer-by-layer compile. Inside it, the ops whose fast kernel takes any tile
/// as it comes keep it (<see cref="RunsOnTiles"/>: the DSP and MVE depthwise, the DSP pointwise and
/// int16 im2col convolutions, the MVE pointwise and im2col GEMMs, whose compile-time layouts depend on
/// the filter only); the rest take
/// the portable kernels. The planner and the emitter must see the same calls, since the scratch and
/// the in-place options come from them.
/// </summary>
public static class PatchedKernelCalls
{
    public static ImmutableArray<KernelCall> Select(Graph lowered, PatchStage? stage, TargetCore core)
    {
        var chosen = KernelSelector.Select(lowered, core);
        if (stage is null || core == TargetCore.Portable) return chosen;
        var portable = KernelSelector.Select(lowered, TargetCore.Portable);
        return chosen.Select((call, op) => op >= stage.FirstStep && op <= stage.SplitStep && !RunsOnTiles(call) ? portable[op] : call).ToImmutableArray();
    }

    /// <summary>A fast call the tile templates can run on a window, its scratch (if any) planned in the tile arena.</summary>
    public static bool RunsOnTiles(KernelCall call) => call switch
    {
        DepthwiseConvCall c => c.Dsp || c.Mve,
        FastPointwiseConvCall c => !c.InPlace,
        WideConvCall => true,
        MveGemmCall c => c.Shape is MveGemmShape.Pointwise or MveGemmShape.Im2col,
        _ => false,
    };

    /// <summary>The scratch a stage op's call needs on each tile (the portable tile calls need none).</summary>
    public static long TileScratchBytes(KernelCall call) => RunsOnTiles(call) ? call.ScratchBytes : 0;
}
