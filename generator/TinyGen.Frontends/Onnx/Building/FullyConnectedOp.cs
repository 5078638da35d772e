namespace TinyGen.Frontends.Onnx.Building;

/// <summary>The ONNX operator a fully connected layer is written as in QDQ form.</summary>
public enum FullyConnectedOp
{
    /// <summary>Gemm with the int32 bias as input C.</summary>
    Gemm,

    /// <summary>MatMul, followed by an Add of an int8 bias constant when there is a bias (as exporters write it).</summary>
    MatMul,
}
