namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// Seeded int8 weights, channel-major ([channels][fanIn]), with their symmetric scales, and the estimated
/// standard deviation of the real output they produce from an input of the given spread.
/// </summary>
internal sealed record QuantizedWeights(sbyte[] Values, float[] Scales, int Channels, int FanIn, double OutputSigma)
{
    /// <summary>Real output spread the weights are normalized to: big enough that Relu6 clips sometimes.</summary>
    private const double TargetOutputSigma = 3.0;

    public bool PerChannel => Scales.Length > 1;

    public float ScaleOf(int channel) => PerChannel ? Scales[channel] : Scales[0];

    /// <summary>
    /// Float weights U(-a_c, a_c) with a per-channel amplitude a_c in [0.25, 1] (so per-channel scales
    /// really differ), normalized so the layer's output spread is about TargetOutputSigma, then quantized
    /// with scale max|w| / 127 per channel or per tensor.
    /// </summary>
    public static QuantizedWeights Generate(Random random, int channels, int fanIn, bool perChannel, double inputSigma)
    {
        var real = new double[channels * fanIn];
        for (int c = 0; c < channels; c++)
        {
            double amplitude = 0.25 + 0.75 * random.NextDouble();
            for (int j = 0; j < fanIn; j++)
            {
                real[c * fanIn + j] = (2.0 * random.NextDouble() - 1.0) * amplitude;
            }
        }
        double rms = Math.Sqrt(real.Sum(v => v * v) / real.Length);
        double gain = TargetOutputSigma / (Math.Sqrt(fanIn) * inputSigma * rms);
        for (int i = 0; i < real.Length; i++)
        {
            real[i] *= gain;
        }

        float[] scales = perChannel
            ? Enumerable.Range(0, channels).Select(c => (float)(MaxAbs(real, c * fanIn, fanIn) / 127.0)).ToArray()
            : [(float)(MaxAbs(real, 0, real.Length) / 127.0)];

        var values = new sbyte[real.Length];
        double sumSquares = 0;
        for (int c = 0; c < channels; c++)
        {
            float scale = perChannel ? scales[c] : scales[0];
            for (int j = 0; j < fanIn; j++)
            {
                int i = c * fanIn + j;
                int q = (int)Math.Clamp(Math.Round(real[i] / scale), -127, 127);
                values[i] = (sbyte)q;
                sumSquares += (double)q * scale * q * scale;
            }
        }
        double dequantizedRms = Math.Sqrt(sumSquares / values.Length);
        double outputSigma = Math.Sqrt(fanIn) * inputSigma * dequantizedRms;
        return new QuantizedWeights(values, scales, channels, fanIn, outputSigma);
    }

    /// <summary>The values laid out [fanIn][channels] (weights of MatMul, Gemm with transB = 0).</summary>
    public sbyte[] Transposed()
    {
        var result = new sbyte[Values.Length];
        for (int c = 0; c < Channels; c++)
        {
            for (int j = 0; j < FanIn; j++)
            {
                result[j * Channels + c] = Values[c * FanIn + j];
            }
        }
        return result;
    }

    private static double MaxAbs(double[] values, int start, int count)
    {
        double max = 0;
        for (int i = start; i < start + count; i++)
        {
            max = Math.Max(max, Math.Abs(values[i]));
        }
        return max;
    }
}
