using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Planning;
using TinyGen.Planning.Patching;

namespace TinyGen.Bench.PatchMemory;

/// <summary>
/// Peak activation memory as MCUNet/MCUNetV2 count it: at each op, the bytes of every live block (its
/// input, its output, tensors kept for later consumers; in a patch stage the tile buffers and the full
/// stage output), with a depthwise convolution computed in place (its input and output counted once,
/// the larger of the two, when the input dies there). No placement and no alignment: the papers'
/// figures are of this kind. TinyGen's kernels do not run depthwise in place yet, so its arenas differ.
/// </summary>
public static class LayerByLayerPeak
{
    public static long Of(Graph lowered, bool countInput) => Of(lowered, TensorLifetimes.Analyze(lowered), null, countInput);

    /// <summary>The same count over a patched plan's blocks.</summary>
    public static long Of(Graph lowered, TileGeometry geometry, bool countInput) =>
        Of(lowered, new PatchedArenaPlanner(geometry, inputInArena: countInput).Intervals(lowered), geometry.Stage, countInput);

    private static long Of(Graph lowered, ImmutableArray<StorageInterval> intervals, PatchStage? stage, bool countInput)
    {
        var inputs = lowered.Inputs.ToHashSet(StringComparer.Ordinal);
        string Block(string tensor) => stage is not null && stage.Tensors.Contains(tensor) ? PatchBuffers.TileOf(stage, tensor) : tensor;
        long peak = 0;
        for (var step = 0; step < lowered.Operations.Length; step++)
        {
            var live = intervals.Where(i => i.FirstStep <= step && step <= i.LastStep && (countInput || !i.Tensors.Any(inputs.Contains))).ToList();
            var bytes = live.Sum(i => i.Size);
            if (lowered.Operations[step] is Conv2D conv && conv.IsDepthwise(lowered))
            {
                var input = live.FirstOrDefault(i => i.Tensors.Contains(Block(conv.Input)));
                var output = live.FirstOrDefault(i => i.Tensors.Contains(Block(conv.Output)));
                if (input is not null && output is not null && input.LastStep == step) bytes -= Math.Min(input.Size, output.Size);
            }
            peak = Math.Max(peak, bytes);
        }
        return peak;
    }
}
