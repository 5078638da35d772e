using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>MatMul(A, B) with constant B [K, N] → Transpose(B) + FullyConnected.</summary>
internal sealed class MatMulMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(2, 2);
        var a = node.RequireInput(0, "A");
        var b = node.RequireInput(1, "B");
        var y = node.RequireOutput();
        var weights = FullyConnectedWeights.Prepare(context, node, b, inputMajor: true);
        context.DefineOutput(node, y, context.OnnxType(a));
        context.Add(new FullyConnected(node.Name, a, weights, null, y, FusedActivation.None));
    }
}
