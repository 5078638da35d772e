using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Reads a node's (scale, zero point) operand pair into a <see cref="Quantization"/>.</summary>
internal static class QuantizationOperands
{
    /// <summary>
    /// Reads scale input <paramref name="scaleIndex"/> and optional zero-point input
    /// <paramref name="zeroPointIndex"/> (absent → 0). Several scales need <paramref name="axis"/>;
    /// when it is null the operand must be per-tensor.
    /// </summary>
    public static Quantization Read(ImportContext context, OnnxNode node, int scaleIndex, int zeroPointIndex, int? axis, string tensorRole)
    {
        var scaleName = node.RequireInput(scaleIndex, $"{tensorRole} scale");
        var scaleData = context.Constant(node, scaleName, $"{tensorRole} scale");
        if (scaleData.Type != ElementType.Float32)
            throw node.Error($"scale '{scaleName}' is {scaleData.Type.DisplayName()}; scales must be float");
        var scales = scaleData.ToFloats();
        if (scales.Length == 0) throw node.Error($"scale '{scaleName}' is empty");
        foreach (var s in scales)
            if (!float.IsFinite(s) || s <= 0)
                throw node.Error($"scale '{scaleName}' holds {s}; scales must be positive and finite");

        int[] zeroPoints = [0];
        if (node.Input(zeroPointIndex) is { } zpName)
        {
            var zpData = context.Constant(node, zpName, $"{tensorRole} zero point");
            if (zpData.Type is ElementType.Float32)
                throw node.Error($"zero point '{zpName}' is float; zero points must be integers");
            var values = zpData.ToInt64s();
            if (values.Length != 1 && values.Length != scales.Length)
                throw node.Error($"zero point '{zpName}' has {values.Length} values but its scale has {scales.Length}");
            zeroPoints = values.Select(v => node.ToInt(v, $"zero point '{zpName}'")).ToArray();
        }

        if (scales.Length > 1 && axis is null)
            throw node.Error($"{tensorRole} has {scales.Length} scales; TinyGen supports per-channel quantization only for weights");
        return new Quantization(scales.ToImmutableArray(), zeroPoints.ToImmutableArray(), scales.Length > 1 ? axis!.Value : -1);
    }

    /// <summary>The ONNX type of the zero point (input <paramref name="zeroPointIndex"/>), or null when absent.</summary>
    public static int? ZeroPointType(ImportContext context, OnnxNode node, int zeroPointIndex) =>
        node.Input(zeroPointIndex) is { } zp ? context.OnnxType(zp) : null;

    /// <summary>Rejects quantized element types TinyGen has no kernels for, naming the node and the type.</summary>
    public static void RequireSupportedType(OnnxNode node, int onnxType, bool allowInt32 = false)
    {
        if (onnxType is OnnxDataTypes.Int8 or OnnxDataTypes.UInt8) return;
        if (allowInt32 && onnxType == OnnxDataTypes.Int32) return;
        throw node.Error($"{OnnxDataTypes.Name(onnxType)} is not supported; TinyGen supports int8 and uint8"
            + (allowInt32 ? " (and int32 for biases)" : ""));
    }

    /// <summary>The per-axis channel axis, made non-negative against the tensor's rank when it is known.</summary>
    public static int NormalizeAxis(ImportContext context, OnnxNode node, string tensor, long axis)
    {
        var rank = context.Rank(tensor);
        if (rank is { } r)
        {
            if (axis < -r || axis >= r) throw node.Error($"axis {axis} is out of range for '{tensor}' of rank {r}");
            return (int)(axis < 0 ? axis + r : axis);
        }
        if (axis < 0) throw node.Error($"negative axis {axis} needs the rank of '{tensor}', which the model does not state");
        return node.ToInt(axis, "axis");
    }

    /// <summary>Checks that a per-channel quantization has one scale per slice along its axis, when the shape is known.</summary>
    public static void CheckChannelCount(ImportContext context, OnnxNode node, string tensor, Quantization quantization)
    {
        if (!quantization.IsPerChannel) return;
        var shape = context.Shape(tensor);
        if (shape.IsDefault) return;
        if (quantization.Axis >= shape.Length || shape[quantization.Axis] != quantization.Scales.Length)
            throw node.Error($"'{tensor}' of shape [{string.Join(",", shape)}] cannot take {quantization.Scales.Length} scales along axis {quantization.Axis}");
    }
}
