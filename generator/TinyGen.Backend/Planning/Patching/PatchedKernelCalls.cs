using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning.Patching;

/// <summary>
/// The kernel calls of a graph with a patch stage: the stage's ops on the portable kernels (the tile
/// templates call those, on windows), every other op on the kernels chosen for the core, as in a
/// layer-by-layer compile. The planner and the emitter must see the same calls, since the scratch
/// and the in-place options come from them.
/// </summary>
public static class PatchedKernelCalls
{
    public static ImmutableArray<KernelCall> Select(Graph lowered, PatchStage? stage, TargetCore core)
    {
        var chosen = KernelSelector.Select(lowered, core);
        if (stage is null || core == TargetCore.Portable) return chosen;
        var portable = KernelSelector.Select(lowered, TargetCore.Portable);
        return chosen.Select((call, op) => op >= stage.FirstStep && op <= stage.SplitStep ? portable[op] : call).ToImmutableArray();
    }
}
