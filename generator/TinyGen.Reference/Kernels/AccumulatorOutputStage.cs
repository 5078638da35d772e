using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// What convolution, depthwise convolution and fully connected layers share around their
/// multiply-accumulate loop: the input and per-channel weight zero points, the int32 bias, and
/// the per-channel requantization of the accumulator to the int8 output with the fused clamp.
/// </summary>
internal sealed class AccumulatorOutputStage
{
    private readonly int[] weightZeroPoints;
    private readonly int[] bias;
    private readonly QuantizedMultiplier[] multipliers;
    private readonly Operation op;

    private AccumulatorOutputStage(Operation op, int inputZeroPoint, int[] weightZeroPoints, int[] bias, QuantizedMultiplier[] multipliers,
        int outputZeroPoint, int activationMin, int activationMax)
    {
        this.op = op;
        InputZeroPoint = inputZeroPoint;
        this.weightZeroPoints = weightZeroPoints;
        this.bias = bias;
        this.multipliers = multipliers;
        OutputZeroPoint = outputZeroPoint;
        ActivationMin = activationMin;
        ActivationMax = activationMax;
    }

    public int InputZeroPoint { get; }
    public int OutputZeroPoint { get; }
    public int ActivationMin { get; }
    public int ActivationMax { get; }

    public int WeightZeroPoint(int channel) => weightZeroPoints[channel];

    /// <param name="channelAxis">The weights' output-channel axis (where per-channel quantization must lie).</param>
    public static AccumulatorOutputStage For(Operation op, string input, string weights, string? biasName, string output,
        FusedActivation activation, int channels, int channelAxis, KernelContext context)
    {
        var inputQ = context.PerTensorQuantization(input, op);
        var outputQ = context.PerTensorQuantization(output, op);
        var weightTensor = context.Tensor(weights);
        if (weightTensor.Type != ElementType.Int8)
            throw new TinyGenException($"{op}: weights '{weights}' are {weightTensor.Type.DisplayName()}, the reference expects int8");
        var weightQ = weightTensor.RequireQuantization(op.ToString());
        if (weightQ.IsPerChannel && (weightQ.Axis != channelAxis || weightQ.Scales.Length != channels))
            throw new TinyGenException($"{op}: weights '{weights}' are quantized {weightQ}; expected one scale per output channel " +
                                       $"({channels}) along axis {channelAxis}");

        var weightZeroPoints = new int[channels];
        var weightScales = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            weightZeroPoints[c] = weightQ.IsPerChannel ? weightQ.ZeroPoints[c] : weightQ.ZeroPoint;
            weightScales[c] = weightQ.IsPerChannel ? weightQ.Scales[c] : weightQ.Scale;
        }

        var bias = new int[channels];
        if (biasName is not null)
        {
            var biasTensor = context.Tensor(biasName);
            var biasData = context.Value(biasName);
            if (biasData.Type != ElementType.Int32 || biasData.Length != channels)
                throw new TinyGenException($"{op}: bias '{biasName}' must be {channels} int32 values, it is {biasData.Length} {biasData.Type.DisplayName()}");
            if (biasTensor.Quantization is { } bq && bq.ZeroPoints.Any(z => z != 0))
                throw new TinyGenException($"{op}: bias '{biasName}' has a non-zero zero point");
            bias = biasData.ToInt32();
        }

        var multipliers = (op is FullyConnected
            ? ConvRequantization.FullyConnected(inputQ.Scale, weightQ.Scales, outputQ.Scale, channels)
            : ConvRequantization.PerChannel(inputQ.Scale, weightScales, outputQ.Scale, channels)).ToArray();
        var (min, max) = ActivationRange.ForInt8(activation, outputQ.Scale, outputQ.ZeroPoint);
        return new AccumulatorOutputStage(op, inputQ.ZeroPoint, weightZeroPoints, bias, multipliers, outputQ.ZeroPoint, min, max);
    }

    /// <summary>
    /// bias + accumulator, requantized with the channel's multiplier, offset and clamped. The sum
    /// is computed exactly; a model whose int32 accumulator would overflow is rejected rather
    /// than given a wrapped value that TFLite leaves undefined.
    /// </summary>
    public sbyte Finish(long accumulator, int channel)
    {
        var total = accumulator + bias[channel];
        if (total is < int.MinValue or > int.MaxValue)
            throw new TinyGenException($"{op}: the int32 accumulator of output channel {channel} overflows ({total})");
        var scaled = FixedPoint.MultiplyByQuantizedMultiplier((int)total, multipliers[channel]);
        return (sbyte)FixedPoint.Clamp(scaled + OutputZeroPoint, ActivationMin, ActivationMax);
    }
}
