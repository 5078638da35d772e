namespace TinyGen.Frontends.Tflite;

/// <summary>A tensor's QuantizationParameters: one scale and zero point per tensor or per slice of <see cref="Dimension"/>.</summary>
public sealed record TfliteQuantization(float[] Scales, long[] ZeroPoints, int Dimension);
