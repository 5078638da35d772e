using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Gemm(A, B, [C]) with transA = 0, alpha = beta = 1 → FullyConnected (C as bias).</summary>
internal sealed class GemmMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(2, 3);
        var a = node.RequireInput(0, "A");
        var b = node.RequireInput(1, "B");
        var c = node.Input(2);
        var y = node.RequireOutput();

        if (node.Int("transA", 0) != 0) throw node.Error("transA = 1 is not supported; TinyGen supports transA = 0");
        var alpha = node.Float("alpha", 1f);
        if (alpha != 1f) throw node.Error($"alpha = {alpha} is not supported; TinyGen supports alpha = 1");
        var beta = node.Float("beta", 1f);
        if (c is not null && beta != 1f) throw node.Error($"beta = {beta} is not supported; TinyGen supports beta = 1");
        var transB = node.Int("transB", 0);
        if (transB is not (0 or 1)) throw node.Error($"transB = {transB} must be 0 or 1");

        var weights = FullyConnectedWeights.Prepare(context, node, b, inputMajor: transB == 0);
        context.DefineOutput(node, y, context.OnnxType(a));
        context.Add(new FullyConnected(node.Name, a, weights, c, y, FusedActivation.None));
    }
}
