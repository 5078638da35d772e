using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// ReduceMean → Mean. The axes are an attribute before opset 18 and a constant input from 18; no
/// axes means every axis (noop_with_empty_axes = 1 makes it an Identity instead).
/// </summary>
internal sealed class ReduceMeanMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        var x = node.RequireInput(0, "data");
        var y = node.RequireOutput();
        ImmutableArray<long>? axes;
        if (context.Opset(node) < 18)
        {
            node.ExpectInputCount(1, 1);
            axes = node.Ints("axes");
        }
        else
        {
            node.ExpectInputCount(1, 2);
            axes = node.Input(1) is { } axesName ? [.. context.Constant(node, axesName, "axes").ToInt64s()] : null;
        }
        context.DefineOutput(node, y, context.OnnxType(x));
        if (axes is not { IsEmpty: false } && node.Int("noop_with_empty_axes", 0) != 0)
        {
            context.Add(new Identity(node.Name, x, y));
            return;
        }
        var resolved = axes is { IsEmpty: false } given
            ? given.Select(a => node.ToInt(a, "axes")).ToImmutableArray()
            : context.Rank(x) is { } rank ? Enumerable.Range(0, rank).ToImmutableArray() : throw node.Error($"reducing every axis of '{x}' needs its rank");
        context.Add(new Mean(node.Name, x, y, resolved, node.Int("keepdims", 1) != 0));
    }
}
