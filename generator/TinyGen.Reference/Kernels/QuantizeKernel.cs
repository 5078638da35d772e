using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// Quantize to int8 or uint8 (the output's quantization, per-tensor or per-axis):
/// from float32 as ONNX QuantizeLinear (or TFLite QUANTIZE) does it — x / scale in float32, rounded
/// half to even (ONNX) or half away from zero (TFLite's std::round), plus the zero point, saturated; from int8/uint8 as TFLite's requantize —
/// clamp(MBQM(q - z_in, s_in / s_out) + z_out), exact when the scales are equal.
/// </summary>
public static class QuantizeKernel
{
    public static TensorData Evaluate(Quantize op, KernelContext context)
    {
        var input = context.Tensor(op.Input);
        var output = context.Tensor(op.Output);
        (int min, int max) = output.Type switch
        {
            ElementType.Int8 => ((int)sbyte.MinValue, (int)sbyte.MaxValue),
            ElementType.UInt8 => ((int)byte.MinValue, (int)byte.MaxValue),
            _ => throw new TinyGenException($"{op}: quantizing to {output.Type.DisplayName()} is not supported (int8 and uint8 are)"),
        };
        var outputQ = output.RequireQuantization(op.ToString());
        var values = context.Value(op.Input);
        var result = new int[values.Length];
        switch (input.Type)
        {
            case ElementType.Float32:
            {
                var channels = new QuantizationChannels(output, outputQ, op);
                var x = values.ToFloats();
                for (var i = 0; i < x.Length; i++)
                    result[i] = FromFloat(x[i], channels.Scale(i), channels.ZeroPoint(i), min, max, op.Rounding);
                break;
            }
            case ElementType.Int8 or ElementType.UInt8:
            {
                var inputQ = context.PerTensorQuantization(op.Input, op);
                if (outputQ.IsPerChannel) throw new TinyGenException($"{op}: requantizing to a per-axis quantization is not supported");
                var m = Requantization.For(inputQ.Scale, outputQ.Scale);
                var q = values.ToDoubles();
                for (var i = 0; i < q.Length; i++)
                    result[i] = Requantization.Apply((int)q[i], inputQ.ZeroPoint, m, outputQ.ZeroPoint, min, max);
                break;
            }
            default:
                throw new TinyGenException($"{op}: cannot quantize {input.Type.DisplayName()} input '{op.Input}'");
        }
        return output.Type == ElementType.Int8
            ? TensorData.FromInt8(result.Select(v => (sbyte)v).ToArray())
            : TensorData.FromUInt8(result.Select(v => (byte)v).ToArray());
    }

    /// <summary>One element: saturate(round(x / scale) + zero point), rounding ties as asked; NaN maps to the zero point.</summary>
    public static int FromFloat(float x, float scale, int zeroPoint, int min, int max, QuantizeRounding rounding = QuantizeRounding.HalfToEven)
    {
        var scaled = x / scale; // float32 division, as ONNX's reference, onnxruntime and TFLite do
        if (float.IsNaN(scaled)) return Math.Clamp(zeroPoint, min, max);
        var mode = rounding == QuantizeRounding.HalfToEven ? MidpointRounding.ToEven : MidpointRounding.AwayFromZero;
        var q = (double)MathF.Round(scaled, mode) + zeroPoint;
        return (int)Math.Clamp(q, min, max);
    }
}
