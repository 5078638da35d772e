using System.Text.Json;
using System.Text.Json.Nodes;
using TinyGen.Analysis;
using TinyGen.Ir;

namespace TinyGen.Cli.Commands;

public static class JsonFormat
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}

/// <summary>One layer as inspect shows it: the op, the kernel(s) it runs (empty for an alias), why that kernel, and its cost.</summary>
public sealed record LayerRow(Operation Op, string Kernel, string Reason, OpCost Cost);

/// <summary>The facts about a compiled model that 'inspect' prints as a table or JSON; in JSON numbers are numbers, not strings.</summary>
public static class ModelReport
{
    public static IReadOnlyList<LayerRow> Layers(Compilation c)
    {
        var calls = c.Project.Calls.ToDictionary(k => k.Op.Name);
        return c.Lowered.Operations.Select(op =>
        {
            var call = calls.GetValueOrDefault(op.Name);
            var kernel = call is null ? "" : string.Join("+", call.Functions);
            return new LayerRow(op, kernel, kernel.Length == 0 ? "" : call!.Reason, OpCost.Of(c.Lowered, op));
        }).ToList();
    }

    public static JsonObject Json(Compilation c)
    {
        var g = c.Lowered;
        var layers = new JsonArray();
        foreach (var layer in Layers(c))
            layers.Add(new JsonObject
            {
                ["op"] = layer.Op.Kind,
                ["name"] = layer.Op.Name,
                ["kernel"] = layer.Kernel,
                ["why"] = layer.Reason,
                ["inputs"] = new JsonArray(layer.Op.Inputs.Select(n => (JsonNode)Tensor(g[n])).ToArray()),
                ["outputs"] = new JsonArray(layer.Op.Outputs.Select(n => (JsonNode)Tensor(g[n])).ToArray()),
                ["macs"] = layer.Cost.Macs,
                ["params"] = layer.Cost.Parameters,
            });
        var total = OpCost.Total(g);
        return new JsonObject
        {
            ["model"] = g.Name,
            ["board"] = c.Board.Name,
            ["inputs"] = new JsonArray(g.Inputs.Select(n => (JsonNode)Tensor(g[n])).ToArray()),
            ["outputs"] = new JsonArray(g.Outputs.Select(n => (JsonNode)Tensor(g[n])).ToArray()),
            ["layers"] = layers,
            ["macs"] = total.Macs,
            ["params"] = total.Parameters,
            ["weights_flash"] = c.Project.WeightFlashBytes,
            ["arena"] = c.Project.Plan.TotalBytes,
            ["arena_lower_bound"] = c.Project.Plan.LowerBound,
        };
    }

    public static JsonObject Tensor(Tensor t)
    {
        var o = new JsonObject
        {
            ["name"] = t.Name,
            ["type"] = t.Type.DisplayName(),
            ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)d).ToArray()),
        };
        if (t.Quantization is { } q)
        {
            o["scale"] = q.IsPerChannel ? new JsonArray(q.Scales.Select(s => (JsonNode)s).ToArray()) : q.Scale;
            o["zero_point"] = q.IsPerChannel ? new JsonArray(q.ZeroPoints.Select(z => (JsonNode)z).ToArray()) : q.ZeroPoint;
        }
        return o;
    }
}
