using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Ir;
using TinyGen.Planning;
using TinyGen.Planning.Patching;

namespace TinyGen.Tests.Backend.Patching;

/// <summary>The split/tile search and the patched plan on DS-CNN-sized nets, without firmware.</summary>
public sealed class PatchSearchTests
{
    private static Graph Lowered(GeneratedModel model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tinygen-patch-search-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model.Onnx);
        try { return Compiler.Lower(Compiler.Import(path)); }
        finally { File.Delete(path); }
    }

    private static Graph ResNet8 { get; } = Lowered(BenchmarkModels.ResNet8());

    [Fact]
    public void Auto_takes_the_fewest_macs_that_fit_and_layer_by_layer_when_it_fits()
    {
        var all = PatchSearch.Enumerate(ResNet8).ToList();
        var unpatched = all.Single(c => !c.IsPatched);
        Assert.Null(PatchSearch.Run(ResNet8, PatchRequest.Auto, unpatched.ArenaWithInput, inputCallback: false).Chosen.Geometry);

        var budget = unpatched.ArenaWithInput - 1;
        var chosen = PatchSearch.Run(ResNet8, PatchRequest.Auto, budget, inputCallback: false).Chosen;
        var fitting = all.Where(c => c.ArenaWithInput <= budget).ToList();
        Assert.NotEmpty(fitting);
        Assert.True(chosen.IsPatched);
        Assert.Equal(fitting.Min(c => c.Macs), chosen.Macs);
        Assert.True(chosen.ArenaWithInput <= budget);
    }

    [Fact]
    public void Every_patched_plan_is_valid_and_its_macs_are_the_stage_recomputed_per_tile()
    {
        foreach (var candidate in PatchSearch.Enumerate(ResNet8).Where(c => c.IsPatched))
        {
            var geometry = candidate.Geometry!;
            var plan = new PatchedArenaPlanner(geometry).Plan(ResNet8, PatchedKernelCalls.Select(ResNet8, geometry.Stage, Lowering.TargetCore.Portable));
            Assert.Empty(ArenaPlanChecker.FindProblems(plan));
            Assert.Equal(candidate.ArenaWithInput, plan.TotalBytes);
            // more tiles never compute less than layer by layer
            Assert.True(candidate.Macs >= candidate.BaselineMacs, candidate.Label);
        }
        // one tile per side is the stage run once over the whole image: exactly the layer-by-layer MACs
        var stage = PatchStage.Candidates(ResNet8).Last();
        var single = new TileGeometry(ResNet8, stage, 1);
        Assert.Equal(1, single.TileCount);
        Assert.Equal(stage.Ops.Sum(o => Analysis.OpCost.Of(ResNet8, o.Op).Macs), single.TiledMacs());
    }

    [Fact]
    public void A_split_that_leaves_a_tensor_needed_later_is_refused_with_the_reason()
    {
        // ResNet-8's first block input feeds the block's Add: the stage cannot end inside the block
        var add = ResNet8.Operations.Select((op, i) => (op, i)).First(x => x.op is Binary).i;
        var e = Assert.Throws<TinyGenException>(() => PatchSearch.Run(ResNet8, PatchRequest.Fixed(add - 1, 2), long.MaxValue, false));
        Assert.Contains("is read after the split", e.Message);
        Assert.Throws<TinyGenException>(() => PatchRequest.Parse("3x4"));
        Assert.Equal(PatchRequest.Fixed(7, 4), PatchRequest.Parse("7:4"));
    }
}
