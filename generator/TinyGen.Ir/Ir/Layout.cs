namespace TinyGen.Ir;

/// <summary>
/// How a spatial op reads its 4-D activations. ONNX imports arrive as Nchw; the layout pass turns
/// every spatial op into Nhwc (what the kernels want) and re-lays out the weights at compile time.
/// </summary>
public enum Layout
{
    Nchw,
    Nhwc,
}
