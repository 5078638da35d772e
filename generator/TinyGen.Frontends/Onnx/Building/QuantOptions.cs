namespace TinyGen.Frontends.Onnx.Building;

/// <summary>How a synthetic model is quantized. The default is QDQ, int8 activations, int8 graph edges.</summary>
public sealed record QuantOptions
{
    public static QuantOptions Default { get; } = new();

    public QuantForm Form { get; init; } = QuantForm.Qdq;
    public ActivationDataType Activations { get; init; } = ActivationDataType.Int8;
    public ModelEdges Edges { get; init; } = ModelEdges.Integer;
    public MultiplierRange Multipliers { get; init; } = MultiplierRange.Typical;

    /// <summary>
    /// QDQ only. Normally a Relu/Relu6 output is quantized with its zero point at the bottom of the range
    /// (as calibrated exporters do), which makes the clamp coincide with the type's limit. With this set the
    /// output keeps a mid-range zero point and full-spread scale, so the Relu/Clip node clamps inside the
    /// range (act_min = zero point): the case a wrong activation range would get wrong.
    /// </summary>
    public bool ClampInsideRange { get; init; }

    public static QuantOptions Qdq => Default;
    public static QuantOptions QOperator { get; } = new() { Form = QuantForm.QOperator };
}
