using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// TFLite's reference int8 softmax over the last axis (output scale 1/256, zero point -128),
/// which CMSIS-NN's arm_softmax_s8 reproduces. Per row: d = x - max; where d &gt;= diff_min,
/// e = exp(MBQM-greater-than-one(d)) in Q0.31 and sum += e rescaled to Q12.19; then
/// out = RoundingDivideByPOT(SRDHM(1/sum scale, e), bitsOverUnit + 31 - 8) - 128, saturated;
/// elements below diff_min give -128.
/// </summary>
public static class SoftmaxKernel
{
    public static TensorData Evaluate(Softmax op, KernelContext context)
    {
        var input = context.Tensor(op.Input);
        if (op.Axis != input.Rank - 1 && op.Axis != -1)
            throw new TinyGenException($"{op}: softmax along axis {op.Axis} of {input.ShapeText}; after lowering it must be the last axis");
        var inputQ = context.PerTensorQuantization(op.Input, op);
        var outputQ = context.PerTensorQuantization(op.Output, op);
        if (outputQ.ZeroPoint != -128 || Math.Abs(outputQ.Scale - 1f / 256) > 0.001f / 256)
            throw new TinyGenException($"{op}: int8 softmax needs output scale 1/256 and zero point -128, '{op.Output}' has {outputQ}");
        var rowSize = input.Rank == 0 ? 1 : input.Shape[^1];
        var scaling = SoftmaxScaling.For(inputQ.Scale, op.Beta);
        var x = context.Int8(op.Input, op);
        var output = new sbyte[x.Length];
        for (var start = 0; start < x.Length; start += rowSize)
            Row(x.AsSpan(start, rowSize), output.AsSpan(start, rowSize), scaling);
        return TensorData.FromInt8(output);
    }

    /// <summary>One row, exactly as TFLite's reference int8 softmax computes it.</summary>
    public static void Row(ReadOnlySpan<sbyte> x, Span<sbyte> output, SoftmaxScaling scaling)
    {
        var max = (int)sbyte.MinValue;
        foreach (var v in x) max = Math.Max(max, v);

        var sumOfExps = 0; // Q12.19; wraps mod 2^32 only for rows of 4096 or more, like TFLite's
        foreach (var v in x)
        {
            var diff = v - max;
            if (diff >= scaling.DiffMin)
                sumOfExps += FixedPoint.RoundingDivideByPowerOfTwo(Exp(diff, scaling), SoftmaxFixedPoint.AccumulationIntegerBits); // Q0.31 -> Q12.19
        }

        var (scale, bitsOverUnit) = SoftmaxFixedPoint.Reciprocal(sumOfExps, SoftmaxFixedPoint.AccumulationIntegerBits);
        var outputShift = bitsOverUnit + 31 - 8;
        for (var i = 0; i < x.Length; i++)
        {
            var diff = x[i] - max;
            if (diff < scaling.DiffMin)
            {
                output[i] = sbyte.MinValue;
                continue;
            }
            var probability = FixedPoint.SaturatingRoundingDoublingHighMul(scale, Exp(diff, scaling));
            // TFLite asserts the shift is at most 31; beyond (sums of 2^28 or more, rows of 512+) the
            // same rounding rule gives 0 for any value below 2^31, as the C kernel defines it.
            var unsaturated = outputShift <= 31 ? FixedPoint.RoundingDivideByPowerOfTwo(probability, outputShift) : 0;
            output[i] = FixedPoint.SaturateToInt8(unsaturated + sbyte.MinValue);
        }
    }

    /// <summary>exp(diff * input scale * beta) in Q0.31, diff &lt;= 0 scaled into Q5.26 first.</summary>
    private static int Exp(int diff, SoftmaxScaling scaling)
    {
        // MultiplyByQuantizedMultiplierGreaterThanOne: the left shift is exact (|diff| <= radius keeps it in range)
        var scaled = FixedPoint.SaturatingRoundingDoublingHighMul(diff * (1 << scaling.InputLeftShift), scaling.InputMultiplier);
        return SoftmaxFixedPoint.ExpOnNegativeValues(scaled);
    }
}
