namespace TinyGen.Bench.MlperfTiny;

/// <summary>One call of invoke in a TG_LAYER_COUNTS build: what it is, which kernel ran it, its MACs and instructions.</summary>
public sealed record LayerMeasure(int Index, string Op, string Name, string Kernel, string Kind, long Macs, long Instructions)
{
    public double? InstructionsPerMac => Macs > 0 ? (double)Instructions / Macs : null;
}

/// <summary>The layers of one kind together.</summary>
public sealed record KindMeasure(string Kind, int Layers, long Macs, long Instructions)
{
    public double? InstructionsPerMac => Macs > 0 ? (double)Instructions / Macs : null;

    public static IReadOnlyList<KindMeasure> Of(IReadOnlyList<LayerMeasure> layers) =>
        LayerKind.All.Select(kind => layers.Where(l => l.Kind == kind).ToList())
            .Where(group => group.Count > 0)
            .Select(group => new KindMeasure(group[0].Kind, group.Count, group.Sum(l => l.Macs), group.Sum(l => l.Instructions)))
            .ToList();
}
