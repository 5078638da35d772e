namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// An activation following a conv or fully connected layer. QDQ writes it as a Relu or Clip(0, 6) node
/// before the QuantizeLinear; QOperator has no such node, so the output quantization does the clamping
/// (zero point at the bottom of the range; for Relu6 also scale 6/255), as onnxruntime's quantizer does.
/// </summary>
public enum ConvActivation
{
    None,
    Relu,
    Relu6,
}
