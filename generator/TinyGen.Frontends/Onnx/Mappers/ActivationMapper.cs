using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// Relu and Clip → Activation. FusedActivation clamps real values, so the input must be float (the
/// QDQ form); an integer Relu/Clip clamps stored integers, which means something else.
/// </summary>
internal sealed class ActivationMapper(bool clip) : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        var x = node.RequireInput(0, "input");
        var y = node.RequireOutput();
        if (context.OnnxType(x) != OnnxDataTypes.Float)
            throw node.Error($"{node.OpType} on {OnnxDataTypes.Name(context.OnnxType(x))} tensor '{x}' is not supported; TinyGen supports it on float tensors between DequantizeLinear and QuantizeLinear");

        var clamp = clip ? ReadClipBounds(context, node) : FusedActivation.Relu;
        if (!clip) node.ExpectInputCount(1, 1);
        context.DefineOutput(node, y, context.OnnxType(x));
        if (clamp.IsNone)
            context.Add(new Identity(node.Name, x, y));
        else
            context.Add(new Activation(node.Name, x, y, clamp));
    }

    private static FusedActivation ReadClipBounds(ImportContext context, OnnxNode node)
    {
        float min, max;
        if (context.Opset(node) < 11)
        {
            node.ExpectInputCount(1, 1);
            min = node.Float("min", float.NegativeInfinity);
            max = node.Float("max", float.PositiveInfinity);
        }
        else
        {
            node.ExpectInputCount(1, 3);
            min = Bound(1, "min", float.NegativeInfinity);
            max = Bound(2, "max", float.PositiveInfinity);
        }
        if (float.IsNaN(min) || float.IsNaN(max)) throw node.Error("Clip bounds must not be NaN");
        if (min > max) throw node.Error($"Clip min {min} is greater than max {max}");
        return new FusedActivation(min, max);

        float Bound(int index, string role, float fallback)
        {
            if (node.Input(index) is not { } name) return fallback;
            var values = context.Constant(node, name, role).ToDoubles();
            return values.Length == 1 ? (float)values[0] : throw node.Error($"{role} '{name}' must be a scalar, has {values.Length} values");
        }
    }
}
