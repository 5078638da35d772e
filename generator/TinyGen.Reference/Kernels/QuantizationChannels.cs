using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>Which scale and zero point of a (possibly per-axis) quantization applies to each element of a tensor.</summary>
internal sealed class QuantizationChannels
{
    private readonly Quantization quantization;
    private readonly int inner;
    private readonly int channels;

    public QuantizationChannels(Tensor tensor, Quantization quantization, Operation user)
    {
        this.quantization = quantization;
        if (!quantization.IsPerChannel)
        {
            inner = 1;
            channels = 1;
            return;
        }
        var axis = quantization.Axis < 0 ? quantization.Axis + tensor.Rank : quantization.Axis;
        if (axis < 0 || axis >= tensor.Rank || tensor.Shape[axis] != quantization.Scales.Length)
            throw new TinyGenException($"{user}: '{tensor.Name}' {tensor.ShapeText} cannot carry {quantization}");
        channels = tensor.Shape[axis];
        inner = tensor.Shape.Skip(axis + 1).Aggregate(1, (p, d) => p * d);
    }

    public float Scale(int elementIndex) => quantization.Scales[Channel(elementIndex)];
    public int ZeroPoint(int elementIndex) => quantization.ZeroPoints[Channel(elementIndex)];

    private int Channel(int elementIndex) => channels == 1 ? 0 : elementIndex / inner % channels;
}
