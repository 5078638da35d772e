using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// TFLite's int8 average pooling: the sum of the window's real elements divided by their count
/// (padding not counted), rounded half away from zero with C's truncating division, then the clamp.
/// </summary>
public static class AveragePoolKernel
{
    public static TensorData Evaluate(Pool2D op, KernelContext context) =>
        PoolWindow.Evaluate(op, context, values => RoundedAverage(values.Sum(), values.Count));

    /// <summary>(sum + count/2) / count when sum &gt; 0, else (sum - count/2) / count; C# division truncates like C's.</summary>
    public static int RoundedAverage(int sum, int count) =>
        sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}
