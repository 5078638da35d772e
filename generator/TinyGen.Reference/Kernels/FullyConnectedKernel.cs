using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// out[r, o] = requant(bias[o] + Σ_k (x[r, k] - x_zp) * (W[o, k] - w_zp[o])), weights [Out, In],
/// the input read as rows of In elements.
/// </summary>
public static class FullyConnectedKernel
{
    public static TensorData Evaluate(FullyConnected op, KernelContext context)
    {
        var weightTensor = context.Tensor(op.Weights);
        if (weightTensor.Rank != 2)
            throw new TinyGenException($"{op}: weights '{op.Weights}' are {weightTensor.ShapeText}; expected [Out,In]");
        var outFeatures = weightTensor.Shape[0];
        var inFeatures = weightTensor.Shape[1];
        var inputCount = context.Tensor(op.Input).ElementCount;
        if (inFeatures == 0 || inputCount % inFeatures != 0)
            throw new TinyGenException($"{op}: input '{op.Input}' {context.Tensor(op.Input).ShapeText} is not rows of {inFeatures} elements");
        var rows = (int)(inputCount / inFeatures);
        if (context.Tensor(op.Output).ElementCount != (long)rows * outFeatures)
            throw new TinyGenException($"{op}: output '{op.Output}' {context.Tensor(op.Output).ShapeText} is not {rows} rows of {outFeatures}");
        var stage = AccumulatorOutputStage.For(op, op.Input, op.Weights, op.Bias, op.Output, op.Activation, outFeatures, channelAxis: 0, context);

        var x = context.Int8(op.Input, op);
        var weights = context.Int8(op.Weights, op);
        var output = new sbyte[rows * outFeatures];
        for (var r = 0; r < rows; r++)
        for (var o = 0; o < outFeatures; o++)
        {
            long acc = 0;
            var wzp = stage.WeightZeroPoint(o);
            for (var k = 0; k < inFeatures; k++)
                acc += (long)(x[r * inFeatures + k] - stage.InputZeroPoint) * (weights[o * inFeatures + k] - wzp);
            output[r * outFeatures + o] = stage.Finish(acc, o);
        }
        return TensorData.FromInt8(output);
    }
}
