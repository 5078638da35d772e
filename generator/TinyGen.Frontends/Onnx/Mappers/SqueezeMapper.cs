using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// Squeeze / Unsqueeze → Reshape with the matching rule. The axes are an attribute before opset 13
/// and a constant input from 13; Squeeze without axes removes every size-1 dimension (empty axes).
/// </summary>
internal sealed class SqueezeMapper(bool unsqueeze) : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        var x = node.RequireInput(0, "data");
        var y = node.RequireOutput();
        ImmutableArray<int>? axes;
        if (context.Opset(node) < 13)
        {
            node.ExpectInputCount(1, 1);
            axes = node.SmallInts("axes");
        }
        else
        {
            node.ExpectInputCount(1, 2);
            axes = node.Input(1) is { } axesName ? ReadAxes(context, node, axesName) : null;
        }
        if (unsqueeze && axes is null) throw node.Error("Unsqueeze needs axes");
        var list = axes ?? [];
        if (list.Distinct().Count() != list.Length) throw node.Error($"axes [{string.Join(",", list)}] repeat an axis");

        context.DefineOutput(node, y, context.OnnxType(x));
        ReshapeRule rule = unsqueeze ? new ReshapeRule.Unsqueeze(list) : new ReshapeRule.Squeeze(list);
        context.Add(new Reshape(node.Name, x, y, rule));
    }

    private static ImmutableArray<int> ReadAxes(ImportContext context, OnnxNode node, string name)
    {
        var constant = context.Constant(node, name, "axes");
        if (constant.Type != ElementType.Int64) throw node.Error($"axes '{name}' is {constant.Type.DisplayName()}, not int64");
        return constant.ToInt64s().Select(a => node.ToInt(a, "axes")).ToImmutableArray();
    }
}
