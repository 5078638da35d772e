using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Reads ONNX's kernel_shape, strides, pads, dilations and auto_pad into a <see cref="Window2D"/>.</summary>
internal static class WindowAttributes
{
    /// <param name="kernelFallback">The spatial kernel size when kernel_shape is absent (a conv's weight shape).</param>
    public static Window2D Read(OnnxNode node, ImmutableArray<int>? kernelFallback)
    {
        var kernel = node.SmallInts("kernel_shape") ?? kernelFallback
            ?? throw node.Error("has no kernel_shape attribute and its kernel size cannot be read from constant weights");
        if (kernel.Length == 1)
            throw node.Error("1-D windows are not supported; TinyGen supports 2-D (reshape the model's input to [N, C, 1, W])");
        if (kernel.Length != 2)
            throw node.Error($"{kernel.Length}-D windows are not supported; TinyGen supports 2-D");
        if (kernel.Any(k => k < 1)) throw node.Error($"kernel_shape [{string.Join(",", kernel)}] must be positive");

        var strides = PerAxis("strides", 1, minimum: 1);
        var dilations = PerAxis("dilations", 1, minimum: 1);

        var pads = node.SmallInts("pads") ?? [0, 0, 0, 0];
        if (pads.Length != 4) throw node.Error($"attribute 'pads' has {pads.Length} values; a 2-D window needs 4");
        if (pads.Any(p => p < 0)) throw node.Error($"negative pads [{string.Join(",", pads)}] are not supported");

        var autoPad = node.String("auto_pad", "NOTSET") switch
        {
            "NOTSET" or "" => AutoPad.NotSet,
            "VALID" => AutoPad.Valid,
            "SAME_UPPER" => AutoPad.SameUpper,
            "SAME_LOWER" => AutoPad.SameLower,
            var other => throw node.Error($"auto_pad '{other}' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER"),
        };
        if (autoPad != AutoPad.NotSet && pads.Any(p => p != 0))
            throw node.Error($"has both auto_pad {autoPad} and explicit pads");

        // ONNX orders pads as x1_begin, x2_begin, x1_end, x2_end (x1 = height, x2 = width).
        return new Window2D(kernel[0], kernel[1], strides[0], strides[1], dilations[0], dilations[1],
            new Padding2D(pads[0], pads[1], pads[2], pads[3]), autoPad);

        ImmutableArray<int> PerAxis(string attribute, int fallback, int minimum)
        {
            var values = node.SmallInts(attribute) ?? [fallback, fallback];
            if (values.Length != 2) throw node.Error($"attribute '{attribute}' has {values.Length} values; a 2-D window needs 2");
            if (values.Any(v => v < minimum)) throw node.Error($"attribute '{attribute}' [{string.Join(",", values)}] must be at least {minimum}");
            return values;
        }
    }

    /// <summary>The spatial dims of a conv weight [Cout, Cin/groups, kH, kW], looking through a DequantizeLinear.</summary>
    public static ImmutableArray<int>? KernelFromWeights(ImportContext context, string weights)
    {
        var shape = ConstantOperand.ShapeThroughDequantize(context, weights);
        return shape is { Length: >= 3 } s ? s[2..] : null;
    }
}
