using System.Collections.Immutable;
using TinyGen.Planning;

namespace TinyGen.Tests.Planning;

/// <summary>Small memory problems written out by hand: tensors with byte sizes and steps reading and writing them.</summary>
internal sealed class PlanningProblems
{
    private readonly Dictionary<string, long> sizes = new(StringComparer.Ordinal);
    private readonly List<MemoryStep> steps = [];
    private readonly List<string> inputs = [];
    private readonly List<string> outputs = [];

    public PlanningProblems Input(string name, long size)
    {
        sizes[name] = size;
        inputs.Add(name);
        return this;
    }

    public PlanningProblems Step(string label, string[] reads, string output, long size, long scratch = 0, params InPlaceOption[] inPlace)
    {
        sizes[output] = size;
        steps.Add(new MemoryStep(label, [.. reads], [output], scratch, [.. inPlace]));
        return this;
    }

    public PlanningProblems Output(string name)
    {
        outputs.Add(name);
        return this;
    }

    public MemoryProblem Build() => new("test", sizes.ToImmutableDictionary(StringComparer.Ordinal), [.. inputs], [.. outputs], [.. steps]);
}
