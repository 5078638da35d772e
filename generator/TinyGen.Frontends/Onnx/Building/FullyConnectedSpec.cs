namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// A fully connected layer on a [Batch, InFeatures] input. In QOperator form both ops become
/// QLinearMatMul (weights [K, N]) and a bias becomes a following QLinearAdd, which is what
/// onnxruntime's quantizer writes for MatMul + Add.
/// </summary>
public sealed record FullyConnectedSpec(int InFeatures, int OutFeatures)
{
    public int Batch { get; init; } = 1;
    public FullyConnectedOp Op { get; init; } = FullyConnectedOp.Gemm;

    /// <summary>Gemm only: weights stored [N, K] with transB = 1 (true) or [K, N] with transB = 0.</summary>
    public bool TransB { get; init; } = true;

    /// <summary>One weight scale per output feature instead of one for the whole tensor.</summary>
    public bool PerChannel { get; init; }

    public bool Bias { get; init; } = true;
    public ConvActivation Activation { get; init; } = ConvActivation.None;
    public int Seed { get; init; } = 1;
}
