using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Identity and Dropout (inference: a copy) → Identity.</summary>
internal sealed class IdentityMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        var x = node.RequireInput(0, "input");
        var y = node.RequireOutput();
        if (node.OpType == "Dropout")
        {
            node.ExpectInputCount(1, 3);
            if (node.Input(2) is { } training)
            {
                var mode = context.ConstantOrNull(training) ?? throw node.Error($"training_mode '{training}' must be a constant");
                if (mode.ToDoubles().Any(v => v != 0)) throw node.Error("training_mode = true is not supported; TinyGen runs inference");
            }
            if (node.Output(1) is { } mask && context.IsUsed(mask))
                throw node.Error($"its mask output '{mask}' is used; TinyGen does not produce Dropout masks");
        }
        else
        {
            node.ExpectInputCount(1, 1);
        }
        context.DefineOutput(node, y, context.OnnxType(x));
        context.Add(new Identity(node.Name, x, y));
    }
}
