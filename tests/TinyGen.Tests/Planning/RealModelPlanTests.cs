using TinyGen.Planning;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.Planning;

/// <summary>
/// The planner's targets on the MLPerf Tiny models: the arena within 5% of its own lower bound and at
/// most half of TFLite Micro's arena for the same model (TFLM's figures as MLPerf Tiny reports them).
/// </summary>
public sealed class RealModelPlanTests(ITestOutputHelper output)
{
    [RequiresModelsTheory("mlperf-tiny")]
    [InlineData("mlperf-tiny/kws/kws_ref_model_qdq.onnx", 22_820)]
    [InlineData("mlperf-tiny/ad/ad01_int8.onnx", 2_580)]
    public void Arena_is_near_its_lower_bound_and_at_most_half_of_tflite_micro(string model, long tfliteMicroArena)
    {
        var c = Compiler.Compile(TestPaths.ModelPath(model.Split('/')), new CompileOptions());
        var plan = c.Project.Plan;
        output.WriteLine($"{model}: arena {plan.TotalBytes} B, lower bound {plan.LowerBound} B, TFLM {tfliteMicroArena} B, placement {plan.Placement}");
        Assert.Empty(ArenaPlanChecker.FindProblems(plan));
        Assert.True(plan.TotalBytes <= plan.LowerBound * 1.05, $"arena {plan.TotalBytes} is more than 5% above the lower bound {plan.LowerBound}");
        Assert.True(plan.TotalBytes * 2 <= tfliteMicroArena, $"arena {plan.TotalBytes} is more than half of TFLM's {tfliteMicroArena}");
        // The bound is the planner's own: the bytes live at the worst step, recounted from the buffers.
        var live = Enumerable.Range(0, plan.StepCount).Select(step => plan.Buffers
            .Where(b => b.FirstStep <= step && step <= b.LastStep)
            .GroupBy(b => (b.Kind, b.Storage)).Sum(g => g.Max(b => b.Size))).Max();
        Assert.Equal(live, plan.LowerBound);
    }
}
