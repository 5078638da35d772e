using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>int8/uint8 → float32: scale * (float)(q - zero point), in float32 (ONNX DequantizeLinear), per-tensor or per-axis.</summary>
public static class DequantizeKernel
{
    public static TensorData Evaluate(Dequantize op, KernelContext context)
    {
        var input = context.Tensor(op.Input);
        var output = context.Tensor(op.Output);
        if (!input.Type.IsQuantizedInteger() || output.Type != ElementType.Float32)
            throw new TinyGenException($"{op}: dequantizes {input.Type.DisplayName()} to {output.Type.DisplayName()}; int8/uint8 to float32 is supported");
        var channels = new QuantizationChannels(input, input.RequireQuantization(op.ToString()), op);
        var q = context.Value(op.Input).ToDoubles();
        var result = new float[q.Length];
        for (var i = 0; i < q.Length; i++)
            result[i] = channels.Scale(i) * (float)((int)q[i] - channels.ZeroPoint(i));
        return TensorData.FromFloats(result);
    }
}
