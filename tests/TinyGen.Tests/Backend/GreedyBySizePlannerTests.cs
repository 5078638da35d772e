using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Planning;

namespace TinyGen.Tests.Backend;

public class GreedyBySizePlannerTests
{
    private static Tensor Act(string name, int bytes) => BackendTestGraphs.Int8(name, [1, bytes], 1f, 0);

    private static Operation Clamp(string name, string input, string output) => new Activation(name, input, output, FusedActivation.Relu);

    [Fact]
    public void Chain_gets_hand_worked_lifetimes_offsets_and_bounds()
    {
        // in(100) -op0-> a(200) -op1-> b(50) -op2-> out(10)
        var graph = new Graph("chain", [Act("in", 100), Act("a", 200), Act("b", 50), Act("out", 10)],
            [Clamp("op0", "in", "a"), Clamp("op1", "a", "b"), Clamp("op2", "b", "out")], ["in"], ["out"]);
        var plan = new GreedyBySizePlanner(16).Plan(graph);

        Assert.Equal((0, 0), (plan["in"].FirstStep, plan["in"].LastStep));
        Assert.Equal((0, 1), (plan["a"].FirstStep, plan["a"].LastStep));
        Assert.Equal((1, 2), (plan["b"].FirstStep, plan["b"].LastStep));
        Assert.Equal((2, 2), (plan["out"].FirstStep, plan["out"].LastStep));
        // largest first: a at 0; in conflicts with a -> 208 (200 rounded up to 16);
        // b conflicts with a only -> 208; out conflicts with b only -> 0.
        Assert.Equal(0, plan["a"].Offset);
        Assert.Equal(208, plan["in"].Offset);
        Assert.Equal(208, plan["b"].Offset);
        Assert.Equal(0, plan["out"].Offset);
        Assert.Equal(320, plan.TotalBytes);            // 208 + 100 = 308, rounded up to 16
        Assert.Equal(300, plan.LowerBound);            // step 0: in + a
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
    }

    [Fact]
    public void Buffers_with_identical_lifetimes_do_not_overlap()
    {
        // x and y are both graph inputs read only by step 0: identical ranges 0..0.
        var graph = new Graph("same", [Act("x", 64), Act("y", 64), Act("z", 64)],
            [new Binary("add", BinaryKind.Add, "x", "y", "z", FusedActivation.None)], ["x", "y"], ["z"]);
        var plan = new GreedyBySizePlanner().Plan(graph);
        var x = plan["x"];
        var y = plan["y"];
        Assert.Equal((x.FirstStep, x.LastStep), (y.FirstStep, y.LastStep));
        Assert.False(x.Offset < y.End && y.Offset < x.End, $"x [{x.Offset},{x.End}) and y [{y.Offset},{y.End}) overlap");
        Assert.Equal(192, plan.TotalBytes);
        Assert.Equal(192, plan.LowerBound);
    }

    [Fact]
    public void Offsets_are_aligned_for_odd_sizes()
    {
        var graph = new Graph("odd", [Act("a", 3), Act("b", 7), Act("c", 5)],
            [new Binary("add", BinaryKind.Add, "a", "b", "c", FusedActivation.None)], ["a", "b"], ["c"]);
        foreach (var alignment in new[] { 4, 16 })
        {
            var plan = new GreedyBySizePlanner(alignment).Plan(graph);
            Assert.All(plan.Buffers, b => Assert.Equal(0, b.Offset % alignment));
            Assert.Equal(0, plan.TotalBytes % alignment);
            Assert.Equal(15, plan.LowerBound);
            Assert.True(plan.LowerBound <= plan.TotalBytes);
        }
    }

    [Fact]
    public void Reshape_output_aliases_its_input_with_a_merged_lifetime()
    {
        // in -op0-> a -reshape(op1)-> r -op2-> out ; a's storage must live until step 2 through r.
        var graph = new Graph("alias", [Act("in", 32), Act("a", 48), Act("r", 48), Act("out", 48)],
            [Clamp("op0", "in", "a"), new Reshape("op1", "a", "r", new ReshapeRule.Given()), Clamp("op2", "r", "out")], ["in"], ["out"]);
        var plan = new GreedyBySizePlanner().Plan(graph);
        Assert.Equal(plan["a"].Offset, plan["r"].Offset);
        Assert.Equal((0, 2), (plan["a"].FirstStep, plan["a"].LastStep));
        Assert.Equal((0, 2), (plan["r"].FirstStep, plan["r"].LastStep));
        Assert.True(plan["r"].IsAlias);
        Assert.False(plan["out"].Offset < plan["r"].End && plan["r"].Offset < plan["out"].End);
        Assert.Equal(96, plan.LowerBound); // step 0: in 32 + a 48 = 80; step 1: 48; step 2: a/r 48 + out 48 = 96
    }

    [Fact]
    public void Checker_reports_a_plan_with_overlapping_live_buffers()
    {
        var bad = new ArenaPlan(
            [new ArenaBuffer("p", 0, 32, 0, 1, "p"), new ArenaBuffer("q", 16, 32, 1, 2, "q")], 48, 64, 16, 3);
        var problems = ArenaPlanChecker.FindProblems(bad);
        Assert.Contains(problems, p => p.Contains("'p'") && p.Contains("'q'"));
        Assert.Contains(problems, p => p.Contains("lower bound"));
        var fine = new ArenaPlan(
            [new ArenaBuffer("p", 0, 32, 0, 1, "p"), new ArenaBuffer("q", 16, 32, 2, 3, "q")], 48, 32, 16, 4);
        Assert.Empty(ArenaPlanChecker.FindProblems(fine));
    }

    [Fact]
    public void Random_graphs_never_share_bytes_between_simultaneously_live_tensors()
    {
        var random = new Random(20240611);
        for (var trial = 0; trial < 300; trial++)
        {
            var graph = RandomGraph(random, trial);
            var plan = new GreedyBySizePlanner(random.Next(2) == 0 ? 4 : 16).Plan(graph);
            var live = IndependentLiveSets(graph);

            // every pair live at a common step, not aliases of each other, must be disjoint in memory
            for (var step = 0; step < live.Count; step++)
            {
                var buffers = live[step].Select(name => plan[name]).ToList();
                foreach (var a in buffers)
                foreach (var b in buffers)
                {
                    if (string.CompareOrdinal(a.TensorName, b.TensorName) >= 0 || Storage(graph, a.TensorName) == Storage(graph, b.TensorName)) continue;
                    Assert.False(a.Offset < b.End && b.Offset < a.End,
                        $"trial {trial} step {step}: '{a.TensorName}' [{a.Offset},{a.End}) overlaps '{b.TensorName}' [{b.Offset},{b.End})");
                }
                var liveBytes = live[step].Select(n => Storage(graph, n)).Distinct().Sum(s => graph[s].SizeInBytes);
                Assert.True(liveBytes <= plan.LowerBound, $"trial {trial}: {liveBytes} bytes live at step {step} above the lower bound {plan.LowerBound}");
            }
            Assert.True(plan.LowerBound <= plan.TotalBytes);
            Assert.All(plan.Buffers, b => Assert.True(b.Offset % plan.Alignment == 0 && b.End <= plan.TotalBytes));
            Assert.Empty(ArenaPlanChecker.FindProblems(plan));
        }
    }

    /// <summary>Tensors live at each step, worked out directly from the definition (not via the planner's code).</summary>
    private static List<HashSet<string>> IndependentLiveSets(Graph graph)
    {
        var steps = graph.Operations.Length;
        var sets = Enumerable.Range(0, steps).Select(_ => new HashSet<string>()).ToList();
        var activations = graph.Tensors.Values.Where(t => !t.IsConstant).Select(t => t.Name).ToList();
        foreach (var name in activations)
        {
            // all tensors sharing storage with this one extend each other's lives
            var group = activations.Where(other => Storage(graph, other) == Storage(graph, name)).ToList();
            var uses = new List<int>();
            foreach (var member in group)
            {
                if (graph.Inputs.Contains(member)) uses.Add(0);
                if (graph.Outputs.Contains(member)) uses.Add(steps - 1);
                for (var s = 0; s < steps; s++)
                    if (graph.Operations[s].Inputs.Contains(member) || graph.Operations[s].Outputs.Contains(member)) uses.Add(s);
            }
            if (uses.Count == 0) continue;
            for (var s = uses.Min(); s <= uses.Max(); s++) sets[s].Add(name);
        }
        return sets;
    }

    private static string Storage(Graph graph, string name)
    {
        while (graph.Producer(name) is Reshape r) name = r.Input;
        return name;
    }

    private static Graph RandomGraph(Random random, int trial)
    {
        var tensors = new List<Tensor>();
        var ops = new List<Operation>();
        var available = new List<string>();
        var inputs = new List<string>();
        var inputCount = random.Next(1, 4);
        for (var i = 0; i < inputCount; i++)
        {
            var name = $"in{i}";
            tensors.Add(Act(name, random.Next(1, 300)));
            available.Add(name);
            inputs.Add(name);
        }
        var opCount = random.Next(1, 25);
        for (var k = 0; k < opCount; k++)
        {
            var output = $"t{k}";
            var a = available[random.Next(available.Count)];
            var kind = random.Next(3);
            if (kind == 0)
            {
                tensors.Add(Act(output, (int)tensors.First(t => t.Name == a).SizeInBytes));
                ops.Add(new Reshape($"op{k}", a, output, new ReshapeRule.Given()));
            }
            else if (kind == 1)
            {
                var b = available[random.Next(available.Count)];
                tensors.Add(Act(output, random.Next(1, 300)));
                ops.Add(new Binary($"op{k}", BinaryKind.Add, a, b, output, FusedActivation.None));
            }
            else
            {
                tensors.Add(Act(output, random.Next(1, 300)));
                ops.Add(Clamp($"op{k}", a, output));
            }
            available.Add(output);
        }
        var outputs = available.Skip(inputCount).OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
        return new Graph($"random{trial}", tensors, ops, inputs, outputs);
    }
}
