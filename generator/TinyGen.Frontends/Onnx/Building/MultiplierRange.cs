namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// Where the requantization multipliers (s_in * s_w / s_out) of conv, fully connected, add, mul and
/// concat land, to exercise the shift handling of the fixed-point arithmetic.
/// </summary>
public enum MultiplierRange
{
    /// <summary>Output scales from the fan-in heuristic: multipliers around 1e-3, outputs spread over the range.</summary>
    Typical,

    /// <summary>
    /// Output scales 4096 times larger: multipliers of 1e-7 to 1e-5 (right shifts of 17 to 23). Conv and
    /// Gemm biases grow to keep their outputs spread; bias-free products (Add, Mul, MatMul without bias)
    /// collapse to the zero point.
    /// </summary>
    Tiny,

    /// <summary>Output scales 4096 times smaller: conv/FC multipliers of about 1.5 to 40 (left shifts), most outputs saturate.</summary>
    Huge,
}
