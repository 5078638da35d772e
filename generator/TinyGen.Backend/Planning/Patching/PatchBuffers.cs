namespace TinyGen.Planning.Patching;

/// <summary>Names of the arena buffers only a patched stage has (tensor names never contain '@').</summary>
public static class PatchBuffers
{
    /// <summary>The tile of the stage input the first ops read (copied from the full input or pulled through the callback).</summary>
    public static string InputTile(PatchStage stage) => stage.Input + "@tile";

    /// <summary>The tile of the stage output before it is pasted into the full stage output.</summary>
    public static string OutputTile(PatchStage stage) => stage.Output + "@tile";

    /// <summary>The tile buffer holding stage tensor <paramref name="tensor"/>.</summary>
    public static string TileOf(PatchStage stage, string tensor) =>
        tensor == stage.Input ? InputTile(stage) : tensor == stage.Output ? OutputTile(stage) : tensor;

    /// <summary>Where op <paramref name="op"/> of the stage gets a copy of the columns it reads from operand <paramref name="operand"/>.</summary>
    public static string Crop(PatchStage stage, int op, int operand) => $"{stage.Ops[op].Output}@crop{operand}";
}
