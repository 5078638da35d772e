using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// Pad in "constant" mode → Pad. Pads (begins then ends) are an attribute before opset 11 and a
/// constant input from 11; the pad value stays in the tensor's own domain (see Pad).
/// </summary>
internal sealed class PadMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        var x = node.RequireInput(0, "data");
        var y = node.RequireOutput();
        var mode = node.String("mode", "constant");
        if (mode != "constant") throw node.Error($"mode '{mode}' is not supported; TinyGen supports 'constant'");

        ImmutableArray<long> pads;
        float value;
        if (context.Opset(node) < 11)
        {
            node.ExpectInputCount(1, 1);
            pads = node.Ints("pads") ?? node.Ints("paddings") ?? throw node.Error("required attribute 'pads' is missing");
            value = node.Float("value", 0f);
        }
        else
        {
            node.ExpectInputCount(2, 4);
            if (node.Input(3) is not null) throw node.Error("the axes input is not supported; give pads for every axis");
            var padsName = node.RequireInput(1, "pads");
            var padsData = context.Constant(node, padsName, "pads");
            if (padsData.Type != ElementType.Int64) throw node.Error($"pads '{padsName}' is {padsData.Type.DisplayName()}, not int64");
            pads = [.. padsData.ToInt64s()];
            value = 0f;
            if (node.Input(2) is { } valueName)
            {
                var values = context.Constant(node, valueName, "constant_value").ToDoubles();
                value = values.Length == 1 ? (float)values[0] : throw node.Error($"constant_value '{valueName}' must be a scalar, has {values.Length} values");
            }
        }

        if (pads.Length % 2 != 0) throw node.Error($"pads has {pads.Length} values; it needs a begin and an end per axis");
        if (context.Rank(x) is { } rank && pads.Length != 2 * rank)
            throw node.Error($"pads has {pads.Length} values but '{x}' has rank {rank}");
        if (pads.Any(p => p < 0)) throw node.Error($"negative pads [{string.Join(",", pads)}] (cropping) are not supported");

        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new Pad(node.Name, x, y, pads.Select(p => node.ToInt(p, "pads")).ToImmutableArray(), value));
    }
}
