using System.Collections.Immutable;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Recognizes weights: constants, or a DequantizeLinear of a constant (QDQ form).</summary>
internal static class ConstantOperand
{
    /// <summary>The constant behind <paramref name="tensor"/> (itself, or a DequantizeLinear's input), or null.</summary>
    public static string? Source(ImportContext context, string tensor)
    {
        if (context.IsConstant(tensor)) return tensor;
        if (context.Producer(tensor) is { OpType: "DequantizeLinear", Domain: OnnxNode.DefaultDomain } dq
            && dq.Input(0) is { } quantized && context.IsConstant(quantized))
            return quantized;
        return null;
    }

    public static ImmutableArray<int>? ShapeThroughDequantize(ImportContext context, string tensor)
    {
        var source = Source(context, tensor);
        if (source is null) return null;
        var shape = context.Shape(source);
        return shape.IsDefault ? null : shape;
    }
}
