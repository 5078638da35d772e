using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>Int8 max pooling: the largest real element of each window, then the fused clamp.</summary>
public static class MaxPoolKernel
{
    public static TensorData Evaluate(Pool2D op, KernelContext context) =>
        PoolWindow.Evaluate(op, context, values => values.Max());
}
