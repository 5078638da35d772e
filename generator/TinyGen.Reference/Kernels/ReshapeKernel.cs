using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>A reshape keeps the bytes in order: the output is the input's data under the output's shape.</summary>
public static class ReshapeKernel
{
    public static TensorData Evaluate(Reshape op, KernelContext context)
    {
        var input = context.Tensor(op.Input);
        var output = context.Tensor(op.Output);
        if (input.Type != output.Type || input.ElementCount != output.ElementCount)
            throw new TinyGenException($"{op}: cannot reshape {input.Type.DisplayName()} {input.ShapeText} into {output.Type.DisplayName()} {output.ShapeText}");
        if (input.Quantization != output.Quantization)
            throw new TinyGenException($"{op}: input and output must share one quantization after lowering");
        return context.Value(op.Input);
    }
}
