using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>com.microsoft QLinearConcat(Y_scale, Y_zp, (X, X_scale, X_zp)...) → quantized Concat.</summary>
internal sealed class QLinearConcatMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        if (node.InputCount < 5 || (node.InputCount - 2) % 3 != 0)
            throw node.Error($"expects Y_scale, Y_zero_point and then (X, X_scale, X_zero_point) triples, but has {node.InputCount} inputs");
        var y = node.RequireOutput();
        var axis = node.SmallInt("axis") ?? throw node.Error("required attribute 'axis' is missing");
        var yq = QuantizationOperands.Read(context, node, 0, 1, axis: null, "Y");

        var parts = ImmutableArray.CreateBuilder<string>();
        var partQuantizations = new List<Quantization>();
        for (var i = 2; i < node.InputCount; i += 3)
        {
            var x = node.RequireInput(i, $"X{parts.Count}");
            QuantizationOperands.RequireSupportedType(node, context.OnnxType(x));
            partQuantizations.Add(QuantizationOperands.Read(context, node, i + 1, i + 2, axis: null, $"X{parts.Count}"));
            parts.Add(x);
        }
        var yType = QuantizationOperands.ZeroPointType(context, node, 1) ?? context.OnnxType(parts[0]);
        QuantizationOperands.RequireSupportedType(node, yType);

        for (var i = 0; i < parts.Count; i++) context.Quantize(node, parts[i], partQuantizations[i]);
        context.DefineOutput(node, y, yType);
        context.Quantize(node, y, yq);
        context.Add(new Concat(node.Name, parts.ToImmutable(), y, axis));
    }
}
