namespace TinyGen.Ir;

/// <summary>
/// A clamp applied to an op's output, stated in real (float) values so that it survives
/// requantization unchanged: None, Relu (0, +inf), Relu6 (0, 6) or any Clip(min, max).
/// The integer bounds follow from the output's quantization (see Arithmetic.ActivationRange).
/// </summary>
public sealed record FusedActivation(float Min, float Max)
{
    public static readonly FusedActivation None = new(float.NegativeInfinity, float.PositiveInfinity);
    public static readonly FusedActivation Relu = new(0f, float.PositiveInfinity);
    public static readonly FusedActivation Relu6 = new(0f, 6f);

    public bool IsNone => float.IsNegativeInfinity(Min) && float.IsPositiveInfinity(Max);

    /// <summary>The clamp of applying this activation and then <paramref name="next"/>.</summary>
    public FusedActivation Then(FusedActivation next) => new(Math.Max(Min, next.Min), Math.Min(Max, next.Max));

    public override string ToString() => IsNone ? "none"
        : this == Relu ? "relu" : this == Relu6 ? "relu6" : $"clip({Min:G6},{Max:G6})";
}
