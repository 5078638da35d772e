namespace TinyGen.Planning.Patching;

/// <summary>
/// One plan the search weighed: the split (null: no patch stage, layer by layer), tiles per side,
/// the arena it needs with the model input in the arena and without it (input pulled through the
/// callback), and the multiply-accumulates of the whole model run this way.
/// </summary>
public sealed record PatchCandidate(TileGeometry? Geometry, long ArenaWithInput, long ArenaWithoutInput, long Macs, long BaselineMacs)
{
    public bool IsPatched => Geometry is not null;
    public int? SplitStep => Geometry?.Stage.SplitStep;
    public int TilesPerSide => Geometry?.TilesPerSide ?? 1;

    /// <summary>Extra MACs over layer-by-layer, in percent (halo recomputation).</summary>
    public double MacOverheadPercent => BaselineMacs == 0 ? 0 : 100.0 * (Macs - BaselineMacs) / BaselineMacs;

    public long Arena(bool inputCallback) => inputCallback ? ArenaWithoutInput : ArenaWithInput;

    public string Label => Geometry is null ? "off" : $"{Geometry.Stage.SplitStep}:{Geometry.TilesPerSide}";
}
