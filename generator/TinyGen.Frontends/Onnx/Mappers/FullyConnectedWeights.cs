using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// FullyConnected wants weights [Out, In]. MatMul and Gemm (transB = 0) hold B as [K, N] = [In, Out],
/// so a Transpose is put in front; constant folding removes it later (also through a DequantizeLinear).
/// </summary>
internal static class FullyConnectedWeights
{
    /// <returns>The tensor to use as FullyConnected's weights.</returns>
    public static string Prepare(ImportContext context, OnnxNode node, string b, bool inputMajor)
    {
        var source = ConstantOperand.Source(context, b)
            ?? throw node.Error($"input '{b}' (B) is not a constant (nor a DequantizeLinear of one); MatMul with two variable inputs is not supported");
        var shape = context.Shape(source);
        if (!shape.IsDefault && shape.Length != 2)
            throw node.Error($"weights '{source}' have shape [{string.Join(",", shape)}]; TinyGen supports 2-D weights only");
        if (!inputMajor) return b;

        var transposed = context.NewTensor($"{b}_transposed", context.OnnxType(b));
        context.Add(new Transpose(context.NewOpName($"{node.Name}_weights_transpose"), b, transposed, [1, 0]));
        return transposed;
    }
}
