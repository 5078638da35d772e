using System.Text.Json.Nodes;
using TinyGen.Planning;

namespace TinyGen.Cli.Commands;

/// <summary>The memory plan of a compiled model as 'plan --json' prints it; numbers are numbers.</summary>
public static class PlanReport
{
    public static JsonObject Json(Compilation c)
    {
        var plan = c.Project.Plan;
        var steps = new JsonArray();
        for (var i = 0; i < plan.Steps.Length; i++)
        {
            var step = plan.Steps[i];
            steps.Add(new JsonObject
            {
                ["step"] = i,
                ["op"] = step.Label,
                ["kernel"] = string.Join("+", c.Project.Calls[i].Functions),
                ["live_bytes"] = step.LiveBytes,
                ["in_place"] = step.InPlace is { } o
                    ? new JsonObject { ["kind"] = KindName(o.Kind), ["input"] = o.Input, ["output"] = o.Output }
                    : null,
            });
        }
        var buffers = new JsonArray();
        foreach (var b in plan.Buffers)
            buffers.Add(new JsonObject
            {
                ["name"] = b.TensorName,
                ["kind"] = b.Kind == BufferKind.Scratch ? "scratch" : "tensor",
                ["offset"] = b.Offset,
                ["size"] = b.Size,
                ["first_step"] = b.FirstStep,
                ["last_step"] = b.LastStep,
                ["in_place_of"] = b.IsAlias ? b.Storage : null,
            });
        return new JsonObject
        {
            ["model"] = c.Lowered.Name,
            ["board"] = c.Board.Name,
            ["arena"] = plan.TotalBytes,
            ["lower_bound"] = plan.LowerBound,
            ["gap_percent"] = Math.Round(plan.GapPercent, 2),
            ["alignment"] = plan.Alignment,
            ["placement"] = plan.Placement,
            ["sram"] = c.SramBytes,
            ["steps"] = steps,
            ["buffers"] = buffers,
            ["patch_plan"] = PatchOptions.Json(c),
        };
    }

    public static string KindName(InPlaceKind kind) => kind switch
    {
        InPlaceKind.View => "view",
        InPlaceKind.Overwrite => "overwrite",
        _ => "in-place kernel",
    };
}
