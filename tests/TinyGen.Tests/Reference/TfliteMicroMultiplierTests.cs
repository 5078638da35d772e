using TinyGen.Arithmetic;

namespace TinyGen.Tests.Reference;

/// <summary>
/// Requantization multipliers computed as TFLite Micro computes them at prepare time, on cases
/// worked by hand where the order of float and double operations changes the Q31 multiplier.
/// </summary>
public sealed class TfliteMicroMultiplierTests
{
    [Fact]
    public void Fully_connected_with_one_weight_scale_multiplies_the_scales_in_float()
    {
        // 0.01f * 0.001f is exactly 1.0000000251457085e-05; rounded to float it is 1.0000000656873453e-05.
        // Divided by 0.01f: 0.00100000002514... = 0.51200001287 * 2^-9 → round(0.51200001287 * 2^31) = 1099511680 (double path)
        //                   0.00100000006568... = 0.51200003363 * 2^-9 → 1099511725 (TFLM's fully connected path)
        var fullyConnected = ConvRequantization.FullyConnected(0.01f, [0.001f], 0.01f, channels: 2);
        var convolution = ConvRequantization.PerChannel(0.01f, [0.001f], 0.01f, channels: 2);

        Assert.Equal(new[] { new QuantizedMultiplier(1099511725, -9), new QuantizedMultiplier(1099511725, -9) }, fullyConnected.ToArray());
        Assert.Equal(new[] { new QuantizedMultiplier(1099511680, -9), new QuantizedMultiplier(1099511680, -9) }, convolution.ToArray());
    }

    [Fact]
    public void Fully_connected_with_per_channel_weights_stays_in_double()
    {
        var fullyConnected = ConvRequantization.FullyConnected(0.01f, [0.001f, 0.002f], 0.01f, channels: 2);

        Assert.Equal(new QuantizedMultiplier(1099511680, -9), fullyConnected[0]);
        Assert.Equal(ConvRequantization.PerChannel(0.01f, [0.001f, 0.002f], 0.01f, 2).ToArray(), fullyConnected.ToArray());
    }
}
