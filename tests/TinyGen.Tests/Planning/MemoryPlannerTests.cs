using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Lowering;
using TinyGen.Planning;
using TinyGen.Tests.Backend;

namespace TinyGen.Tests.Planning;

public class MemoryPlannerTests
{
    private static Tensor Act(string name, int bytes) => BackendTestGraphs.Int8(name, [1, bytes], 1f, 0);

    private static Operation Relu(string name, string input, string output) => new Activation(name, input, output, FusedActivation.Relu);

    private static ArenaPlan PlanGraph(Graph graph, PlannerOptions? options = null) =>
        new MemoryPlanner(options).Plan(graph, KernelSelector.Select(graph));

    private static bool Overlap(ArenaBuffer a, ArenaBuffer b) => a.Offset < b.End && b.Offset < a.End;

    [Fact]
    public void Chain_gets_hand_worked_lifetimes_offsets_and_bounds()
    {
        // in(100) -s0-> a(200) -s1-> b(50) -s2-> out(10), no in-place options
        var problem = new PlanningProblems().Input("in", 100)
            .Step("s0", ["in"], "a", 200).Step("s1", ["a"], "b", 50).Step("s2", ["b"], "out", 10).Output("out").Build();
        var plan = new MemoryPlanner(new PlannerOptions { Alignment = 16 }).Plan(problem);

        Assert.Equal((0, 0), (plan["in"].FirstStep, plan["in"].LastStep));
        Assert.Equal((0, 1), (plan["a"].FirstStep, plan["a"].LastStep));
        Assert.Equal((1, 2), (plan["b"].FirstStep, plan["b"].LastStep));
        Assert.Equal((2, 2), (plan["out"].FirstStep, plan["out"].LastStep));
        // a at 0; in is live with a at step 0, so it starts at 208 (200 aligned up to 16): 308 bytes.
        // The other way round (in at 0, a at 112) needs 312, so 308 is the best 16-aligned arena.
        Assert.Equal(0, plan["a"].Offset);
        Assert.Equal(208, plan["in"].Offset);
        Assert.Equal(308, plan.TotalBytes);
        Assert.Equal(300, plan.LowerBound);            // step 0: in + a
        Assert.Equal([300L, 250L, 60L], plan.Steps.Select(s => s.LiveBytes));
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
    }

    [Fact]
    public void Buffers_with_identical_lifetimes_do_not_overlap()
    {
        // x and y are graph inputs read only by step 0 (identical ranges 0..0); z is the output.
        var problem = new PlanningProblems().Input("x", 64).Input("y", 64).Step("add", ["x", "y"], "z", 64).Output("z").Build();
        var plan = new MemoryPlanner().Plan(problem);
        Assert.Equal((plan["x"].FirstStep, plan["x"].LastStep), (plan["y"].FirstStep, plan["y"].LastStep));
        Assert.False(Overlap(plan["x"], plan["y"]));
        Assert.Equal(192, plan.TotalBytes);
        Assert.Equal(192, plan.LowerBound);
    }

    [Fact]
    public void Offsets_are_aligned_for_odd_sizes()
    {
        var problem = new PlanningProblems().Input("a", 3).Input("b", 7).Step("add", ["a", "b"], "c", 5).Output("c").Build();
        // Three blocks live together: the first at 0, the others at aligned offsets. Worked by hand over
        // the six orders: alignment 4 -> 3 at 0, 7 at 4, 5 at 12 = 17; 16 -> 16 + 16 + 3 = 35; 32 -> 67.
        foreach (var (alignment, total) in new[] { (4, 17L), (16, 35L), (32, 67L) })
        {
            var plan = new MemoryPlanner(new PlannerOptions { Alignment = alignment }).Plan(problem);
            Assert.All(plan.Buffers, b => Assert.Equal(0, b.Offset % alignment));
            Assert.Equal(15, plan.LowerBound);
            Assert.Equal(total, plan.TotalBytes);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryPlanner(new PlannerOptions { Alignment = 2 }));
    }

    [Fact]
    public void Reshape_output_aliases_its_input_and_keeps_its_own_lifetime()
    {
        // in -relu-> a -reshape-> r -relu-> out; the storage lives from step 0 (a) to step 2 (r's reader).
        var graph = new Graph("alias", [Act("in", 32), Act("a", 48), Act("r", 48), Act("out", 48)],
            [Relu("op0", "in", "a"), new Reshape("op1", "a", "r", new ReshapeRule.Given()), Relu("op2", "r", "out")], ["in"], ["out"]);
        var plan = PlanGraph(graph);
        Assert.Equal(plan["a"].Offset, plan["r"].Offset);
        Assert.Equal(plan["a"].Storage, plan["r"].Storage);
        Assert.Equal((0, 1), (plan["a"].FirstStep, plan["a"].LastStep));
        Assert.Equal((1, 2), (plan["r"].FirstStep, plan["r"].LastStep));
        Assert.True(plan["r"].IsAlias);
        Assert.Equal(InPlaceKind.View, plan.Steps[1].InPlace?.Kind);
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
    }

    [Fact]
    public void Elementwise_ops_write_over_inputs_that_die_there()
    {
        // in(64) -relu-> a(64) -relu-> out(64): each input dies where it is read, so one block of 64 holds all three.
        var graph = new Graph("chain", [Act("in", 64), Act("a", 64), Act("out", 64)],
            [Relu("op0", "in", "a"), Relu("op1", "a", "out")], ["in"], ["out"]);
        var plan = PlanGraph(graph);
        Assert.Equal(64, plan.TotalBytes);
        Assert.Equal(64, plan.LowerBound);
        Assert.All(plan.Steps, s => Assert.Equal(InPlaceKind.Overwrite, s.InPlace?.Kind));
        Assert.Equal("in", plan["out"].Storage);
    }

    [Fact]
    public void A_tensor_read_later_or_a_graph_output_is_never_overwritten()
    {
        // x -relu-> a ; add(a, x) -> y ; relu(y) -> z ; outputs y and z.
        // x is still needed at step 1, so step 0 cannot write over it; at step 1 both a and x die and y
        // takes a's place; y is a graph output, so step 2 must not write over it.
        var graph = new Graph("residual", [Act("x", 64), Act("a", 64), Act("y", 64), Act("z", 64)],
            [Relu("op0", "x", "a"), new Binary("add", BinaryKind.Add, "a", "x", "y", FusedActivation.None), Relu("op2", "y", "z")], ["x"], ["y", "z"]);
        var plan = PlanGraph(graph);
        Assert.Null(plan.Steps[0].InPlace);
        Assert.Equal(new InPlaceOption(InPlaceKind.Overwrite, "a", "y"), plan.Steps[1].InPlace);
        Assert.Null(plan.Steps[2].InPlace);
        Assert.False(Overlap(plan["x"], plan["a"]));
        Assert.False(Overlap(plan["y"], plan["z"]));
        Assert.Equal(128, plan.LowerBound);
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
    }

    [Fact]
    public void Branches_run_in_the_order_that_lowers_the_peak()
    {
        // x(10) feeds two branches, big1(1000) -> s1(10) and big2(500) -> s2(400), joined by an add.
        // Graph order A, B, A2, B2 holds x, big1 and big2 at step 1: 1510 bytes. Branch B first peaks at
        // A (x + s2 + big1 = 1410). Branch A first never holds more than 1020:
        // A: x+big1 = 1010; A2: x+big1+s1 = 1020; B: x+s1+big2 = 520; B2: s1+big2+s2 = 910; join: s1+s2+out = 420.
        var problem = new PlanningProblems().Input("x", 10)
            .Step("A", ["x"], "big1", 1000).Step("B", ["x"], "big2", 500)
            .Step("A2", ["big1"], "s1", 10).Step("B2", ["big2"], "s2", 400)
            .Step("join", ["s1", "s2"], "out", 10).Output("out").Build();
        var fixedOrder = new MemoryPlanner(new PlannerOptions { Reorder = false }).Plan(problem);
        Assert.Equal(1510, fixedOrder.LowerBound);

        var plan = new MemoryPlanner().Plan(problem);
        Assert.Equal(1020, plan.LowerBound);
        Assert.Equal(["A", "A2", "B", "B2", "join"], plan.Steps.Select(s => s.Label));
        Assert.Equal([1010L, 1020L, 520L, 910L, 420L], plan.Steps.Select(s => s.LiveBytes));
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
    }

    [Fact]
    public void Slow_in_place_kernels_are_used_only_where_they_lower_the_arena()
    {
        var inPlace = new InPlaceOption(InPlaceKind.SlowOverwrite, "a", "b", ScratchBytes: 30);

        // The depthwise step is the peak (a 1000 + b 1000): in place it needs a 1000 + 30 scratch.
        var atPeak = new PlanningProblems().Input("in", 10)
            .Step("conv", ["in"], "a", 1000).Step("dw", ["a"], "b", 1000, 0, inPlace).Step("fc", ["b"], "out", 10).Output("out").Build();
        var plan = new MemoryPlanner().Plan(atPeak);
        Assert.True(plan.Steps[1].RunsSlowInPlaceKernel);
        Assert.Equal(1030, plan.LowerBound);
        // The a/b block lives through steps 0..2; the scratch (30) goes below it and the block starts at
        // the next multiple of 16, 32; in and out fit under it too: 1032 bytes.
        Assert.Equal(1032, plan.TotalBytes);
        Assert.Equal(1, plan.ScratchAt(1)!.FirstStep);
        Assert.Equal(30, plan.ScratchAt(1)!.Size);
        Assert.Equal(2000, new MemoryPlanner(new PlannerOptions { OptionalInPlace = InPlacePolicy.Never }).Plan(atPeak).LowerBound);

        // Here step "expand" (in 100 + wide 3000) is the peak whatever the depthwise does: keep the fast kernel.
        var offPeak = new PlanningProblems().Input("in", 100)
            .Step("expand", ["in"], "wide", 3000).Step("conv", ["wide"], "a", 1000).Step("dw", ["a"], "b", 1000, 0, inPlace)
            .Step("fc", ["b"], "out", 10).Output("out").Build();
        var kept = new MemoryPlanner().Plan(offPeak);
        Assert.False(kept.Steps[2].RunsSlowInPlaceKernel);
        Assert.Equal(4000, kept.LowerBound);
        Assert.True(new MemoryPlanner(new PlannerOptions { OptionalInPlace = InPlacePolicy.Everywhere }).Plan(offPeak).Steps[2].RunsSlowInPlaceKernel);
    }

    [Fact]
    public void A_wider_in_place_output_starts_below_its_input_and_ends_with_it()
    {
        // A 1x1 convolution from 100 to 300 bytes in place: one block of 300, the input in its last 100
        // bytes (offset 200), plus 8 bytes of scratch: 308 instead of 400.
        var widen = new InPlaceOption(InPlaceKind.SlowOverwrite, "x", "y", ScratchBytes: 8);
        var problem = new PlanningProblems().Input("x", 100).Step("pw", ["x"], "y", 300, 0, widen).Output("y").Build();
        var plan = new MemoryPlanner(new PlannerOptions { Alignment = 4 }).Plan(problem);
        Assert.True(plan.Steps[0].RunsSlowInPlaceKernel);
        Assert.Equal(308, plan.LowerBound);
        Assert.Equal(plan["y"].Offset + 200, plan["x"].Offset);
        Assert.Equal(plan["y"].End, plan["x"].End);
        Assert.Equal(308, plan.TotalBytes);
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
    }

    [Fact]
    public void Inverted_residual_blocks_place_at_the_live_bytes_bound()
    {
        // Two MobileNetV2 blocks: x (32) -expand-> e (192) -dw in place-> d -1x1 in place-> p (32), then
        // a = p + x; the same again from a. Live bytes worked by hand: expand 32 + 192 = 224; dw 32 + 192
        // + 8 scratch = 232; projection 32 + 192 + 4 scratch = 228 (its 32-byte output inside the 192);
        // add 64. The bound is 232, and only an arena whose projection outputs shrink back to 32 bytes
        // once the wide tensor dies reaches it: the second block's 192 must reuse the first one's.
        ImmutableArray<InPlaceOption> Dw(string i, string o) => [new(InPlaceKind.SlowOverwrite, i, o, ScratchBytes: 8)];
        ImmutableArray<InPlaceOption> Pw(string i, string o) => [new(InPlaceKind.SlowOverwrite, i, o, ScratchBytes: 4)];
        var problem = new PlanningProblems().Input("x", 32)
            .Step("expand1", ["x"], "e1", 192).Step("dw1", ["e1"], "d1", 192, 0, [.. Dw("e1", "d1")]).Step("project1", ["d1"], "p1", 32, 0, [.. Pw("d1", "p1")])
            .Step("add1", ["p1", "x"], "a1", 32, 0, new InPlaceOption(InPlaceKind.Overwrite, "p1", "a1"), new InPlaceOption(InPlaceKind.Overwrite, "x", "a1"))
            .Step("expand2", ["a1"], "e2", 192).Step("dw2", ["e2"], "d2", 192, 0, [.. Dw("e2", "d2")]).Step("project2", ["d2"], "p2", 32, 0, [.. Pw("d2", "p2")])
            .Step("add2", ["p2", "a1"], "a2", 32, 0, new InPlaceOption(InPlaceKind.Overwrite, "p2", "a2"), new InPlaceOption(InPlaceKind.Overwrite, "a1", "a2"))
            .Step("head", ["a2"], "out", 4).Output("out").Build();
        var plan = new MemoryPlanner(new PlannerOptions { Alignment = 4 }).Plan(problem);
        Assert.Equal(232, plan.LowerBound);
        Assert.Equal(232, plan.TotalBytes);
        Assert.All(new[] { 1, 2, 5, 6 }, s => Assert.True(plan.Steps[s].RunsSlowInPlaceKernel, plan.Steps[s].ToString()));
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
        // Without the in-place kernels the blocks need x + e + d at the depthwise: 416.
        Assert.Equal(416, new MemoryPlanner(new PlannerOptions { Alignment = 4, OptionalInPlace = InPlacePolicy.Never }).Plan(problem).LowerBound);
    }

    [Fact]
    public void Before_a_widening_1x1_runs_in_place_its_block_holds_only_the_input_in_its_top_bytes()
    {
        // x (32) lives from step 0 until a 1x1 widens it to y (96) in place at step 3, x in y's top 32
        // bytes. Live bytes by hand: stem 8 + 32 = 40; tmp 32 + 60 = 92; use 32 + 60 + 8 = 100; widen
        // 96 + 8 (u) = 104; head 96 + 4 = 100. The bound, 104, needs t in y's bottom 64 bytes while only
        // x is there (a block held whole from step 0 would make steps 1 and 2 take 96 + 60 + 8 = 164).
        var widen = new InPlaceOption(InPlaceKind.SlowOverwrite, "x", "y");
        var problem = new PlanningProblems().Input("in", 8)
            .Step("stem", ["in"], "x", 32).Step("tmp", ["x"], "t", 60).Step("use", ["t", "x"], "u", 8)
            .Step("widen", ["x", "u"], "y", 96, 0, widen).Step("head", ["y"], "out", 4).Output("out").Build();
        var plan = new MemoryPlanner(new PlannerOptions { Alignment = 4 }).Plan(problem);
        Assert.Equal(104, plan.LowerBound);
        Assert.Equal(104, plan.TotalBytes);
        Assert.True(plan.Steps[3].RunsSlowInPlaceKernel);
        Assert.Equal(plan["y"].Offset + 64, plan["x"].Offset);
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
        // Without the in-place kernel x and y meet at the widen: 32 + 8 + 96 = 136.
        Assert.Equal(136, new MemoryPlanner(new PlannerOptions { Alignment = 4, OptionalInPlace = InPlacePolicy.Never }).Plan(problem).LowerBound);
    }

    [Fact]
    public void Preferred_in_place_kernels_are_kept_wherever_they_do_not_grow_the_arena()
    {
        var faster = new InPlaceOption(InPlaceKind.SlowOverwrite, "a", "b", ScratchBytes: 30, Preferred: true);

        // Off the peak (expand: in 100 + wide 3000), in place costs nothing: the faster kernel stays.
        var offPeak = new PlanningProblems().Input("in", 100)
            .Step("expand", ["in"], "wide", 3000).Step("conv", ["wide"], "a", 1000).Step("dw", ["a"], "b", 1000, 0, faster)
            .Step("fc", ["b"], "out", 10).Output("out").Build();
        var kept = new MemoryPlanner().Plan(offPeak);
        Assert.True(kept.Steps[2].RunsSlowInPlaceKernel);
        Assert.Equal(4000, kept.LowerBound);
        Assert.Empty(ArenaPlanChecker.FindProblems(kept));

        // Where its scratch (here 2500 bytes, more than the 1000 it saves) would make the step the
        // peak, the regular kernel runs: a + b = 2000 instead of a + 2500.
        var costly = faster with { ScratchBytes = 2500 };
        var atPeak = new PlanningProblems().Input("in", 10)
            .Step("conv", ["in"], "a", 1000).Step("dw", ["a"], "b", 1000, 0, costly).Step("fc", ["b"], "out", 10).Output("out").Build();
        var dropped = new MemoryPlanner().Plan(atPeak);
        Assert.False(dropped.Steps[1].RunsSlowInPlaceKernel);
        Assert.Equal(2000, dropped.LowerBound);
    }

    [Fact]
    public void Kernel_scratch_is_live_only_during_its_step_and_counts_in_the_lower_bound()
    {
        var problem = new PlanningProblems().Input("in", 100)
            .Step("conv", ["in"], "a", 100, scratch: 400).Step("relu", ["a"], "out", 100).Output("out").Build();
        var plan = new MemoryPlanner().Plan(problem);
        var scratch = plan.ScratchAt(0)!;
        Assert.Equal(BufferKind.Scratch, scratch.Kind);
        Assert.Equal((0, 0, 400L), (scratch.FirstStep, scratch.LastStep, scratch.Size));
        Assert.Null(plan.ScratchAt(1));
        Assert.Equal(600, plan.LowerBound);      // step 0: in + a + scratch
        Assert.False(Overlap(scratch, plan["in"]) || Overlap(scratch, plan["a"]));
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
    }

    [Fact]
    public void In_place_depthwise_scratch_is_a_ring_of_window_rows_or_one_padded_channel()
    {
        // 3x3 depthwise, stride 2, pad 1, 9x9 -> 5x5: the windows reach rows -1..9, 11 rows and 11 columns.
        // Output row oy overwrites input pixels below 5 (oy + 1), i.e. rows up to (5oy + 4) / 9, while the
        // next row to copy is 2oy + 2: never reached, so a ring of the 3 rows a window spans does.
        var op = new Conv2D("dw", "i", "w", null, "o", new Window2D(3, 3), 4, FusedActivation.None, Layout.Nhwc);
        var hand = new DepthwiseConvCall(op, "i", "w", null, "o", 0, 0, 1, new TgTile(2, 2), new TgTile(1, 1), new TgTile(1, 1), new TgActivation(-128, 127),
            [], new TgDims(1, 9, 9, 4), new TgDims(1, 3, 3, 4), new TgDims(1, 1, 1, 4), new TgDims(1, 5, 5, 4));
        Assert.True(InPlaceDepthwiseConvCall.RingIsSafe(hand));
        Assert.Equal(3 * 11, new InPlaceDepthwiseConvCall(hand).ScratchBytes);
        // 1x1, stride 2, top pad 2, 6x5 -> 4x4: output row 0 (4 pixels) overwrites input row 0, which
        // output row 1's window (input row 0) still needs and has not copied: the whole channel, 7 x 7.
        var padded = hand with
        {
            FilterDims = new TgDims(1, 1, 1, 4), Padding = new TgTile(1, 2),
            InputDims = new TgDims(1, 6, 5, 4), OutputDims = new TgDims(1, 4, 4, 4),
        };
        Assert.False(InPlaceDepthwiseConvCall.RingIsSafe(padded));
        Assert.Equal(7 * 7, new InPlaceDepthwiseConvCall(padded).ScratchBytes);
        // The DSP and MVE kernels keep their planes.
        Assert.Equal(11 * 11, new InPlaceDepthwiseConvCall(hand with { Mve = true }).ScratchBytes);
        Assert.False(InPlaceDepthwiseConvCall.Fits(hand with { ChannelMultiplier = 2, OutputDims = new TgDims(1, 5, 5, 8) }));
    }
}
