namespace TinyGen.Ir;

/// <summary>A pointwise nonlinearity of one quantized input.</summary>
public enum UnaryFunction
{
    /// <summary>1 / (1 + e^-x): TFLite LOGISTIC, ONNX Sigmoid.</summary>
    Logistic,
    /// <summary>x * relu6(x + 3) / 6: TFLite HARD_SWISH, ONNX HardSwish.</summary>
    HardSwish,
}

/// <summary>
/// y = f(x) elementwise. On int8 data every such function has only 256 possible inputs, so the
/// kernel may be a table built at compile time; the reference computes TFLite's integer formula.
/// Input and output carry their own quantization.
/// </summary>
public sealed record ElementwiseFunction(string Name, string Input, string Output, UnaryFunction Function) : UnaryOperation(Name, Input, Output)
{
    public override string Kind => Function.ToString();
}
