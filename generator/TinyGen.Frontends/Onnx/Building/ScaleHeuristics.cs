namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// How synthetic models pick quantization parameters so that integer results use the whole range
/// without saturating everything.
///
/// Activation spread: a tensor whose integers are spread uniformly over 256 levels has a standard deviation
/// of 256 / sqrt(12) ≈ 73.9 levels, so σ_real ≈ 73.9 * scale. Sample inputs are made that way; deeper
/// layers roughly keep it because every layer's output scale is chosen by the same rule.
///
/// Output scale of a layer that sums fan_in products (conv, fully connected):
///   σ_out ≈ sqrt(fan_in) * σ_in * rms(w)        (independent terms add in variance)
///   s_out = 6 σ_out / 255                         (±3σ spans the 255 steps: 99.7% fit, the tails saturate)
/// i.e. s_out ≈ s_in * rms(w_q) * s_w * sqrt(fan_in) * 3 * 73.9 / 127.5. For Add σ_out = sqrt(σ_a² + σ_b²),
/// for Mul σ_out = σ_a * σ_b. Weight scales are max|w| / 127 per channel (or per tensor), so the largest
/// weight is exactly ±127 and weights stay symmetric (zero point 0) in [-127, 127].
///
/// MultiplierRange.Tiny/Huge multiply/divide those output scales by 4096 (2^12) to push the requantization
/// multiplier from about 1e-3 to about 1e-7 (long right shifts) or above 1 (left shifts).
/// </summary>
internal static class ScaleHeuristics
{
    public const double UniformSigmaLevels = 73.9;
    public const double ExtremeFactor = 4096.0;

    public static double Sigma(float scale) => scale * UniformSigmaLevels;

    public static double OutputScaleForSigma(double sigma, MultiplierRange range)
    {
        double typical = 6.0 * sigma / 255.0;
        return range switch
        {
            MultiplierRange.Typical => typical,
            MultiplierRange.Tiny => typical * ExtremeFactor,
            MultiplierRange.Huge => typical / ExtremeFactor,
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, null),
        };
    }

    /// <summary>A scale for an input or constant: log-uniform in [1/64, 1/8].</summary>
    public static float RandomInputScale(Random random) => (float)Math.Pow(2.0, -3.0 - 3.0 * random.NextDouble());

    /// <summary>A zero point near the middle of the range, so both signs and the offset matter.</summary>
    public static int RandomZeroPoint(Random random, ActivationDataType type) =>
        random.Next(-32, 33) + (type == ActivationDataType.UInt8 ? 128 : 0);

    public static (int Min, int Max) Range(ActivationDataType type) =>
        type == ActivationDataType.UInt8 ? (0, 255) : (-128, 127);
}
