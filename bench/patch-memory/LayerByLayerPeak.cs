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
/// figures are of this kind; TinyGen's arenas are placed, aligned blocks with its kernels' scratch.
/// </summary>
public static class LayerByLayerPeak
{
    public static long Of(Graph lowered, bool countInput) => Of(lowered, TensorLifetimes.Analyze(lowered), null, countInput);

    /// <summary>The same count over a patched plan's blocks.</summary>
    public static long Of(Graph lowered, TileGeometry geometry, bool countInput) =>
        Of(lowered, PatchedBlocks(lowered, geometry, countInput), geometry.Stage, countInput);

    /// <summary>
    /// The blocks of a patched run in the graph's order, unplaced: tensors after the split with their
    /// layer-by-layer lifetimes, each stage intermediate its largest tile, the input and output tiles
    /// and the crop copies; the full stage output lives through the whole stage, the full input to the split.
    /// </summary>
    private static ImmutableArray<StorageInterval> PatchedBlocks(Graph lowered, TileGeometry geometry, bool countInput)
    {
        var stage = geometry.Stage;
        var intermediates = stage.Intermediates.ToHashSet(StringComparer.Ordinal);
        var result = new List<StorageInterval>();
        foreach (var interval in TensorLifetimes.Analyze(lowered))
        {
            if (interval.Tensors.Contains(stage.GraphInput))
                result.Add(countInput ? interval with { LastStep = Math.Max(interval.LastStep, stage.SplitStep) } : interval with { Size = 0 });
            else if (interval.Tensors.Contains(stage.Output))
                result.Add(interval with { FirstStep = Math.Min(interval.FirstStep, stage.FirstStep) });
            else if (interval.Tensors.Length == 1 && intermediates.Contains(interval.Storage))
                result.Add(interval with { Size = geometry.TileBytes(interval.Storage) });
            else
                result.Add(interval);
        }
        StorageInterval Block(string name, long size, int first, int last) => new(name, [name], size, first, last);
        var inputReaders = stage.Ops.Where(o => o.Operands.Any(x => x.Tensor == stage.Input)).Select(o => o.Step).ToList();
        result.Add(Block(PatchBuffers.InputTile(stage), geometry.TileBytes(stage.Input), inputReaders.Min(), inputReaders.Max()));
        result.Add(Block(PatchBuffers.OutputTile(stage), geometry.TileBytes(stage.Output), stage.SplitStep, stage.SplitStep));
        for (var i = 0; i < stage.Ops.Length; i++)
            for (var k = 0; k < stage.Ops[i].Operands.Length; k++)
                if (PatchedArenaPlanner.NeedsCropBuffer(geometry, i, k))
                    result.Add(Block(PatchBuffers.Crop(stage, i, k), geometry.ReadBytes(i, k), stage.Ops[i].Step, stage.Ops[i].Step));
        return result.ToImmutableArray();
    }

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
