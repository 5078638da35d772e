namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>
/// Softmax's axis across opsets. From opset 13 it is a plain axis (default -1). Before 13 the input
/// is flattened to 2-D at the axis (default 1) and the softmax runs over the whole second half;
/// that equals a softmax over the last axis only when every dimension from the axis up to the last
/// one is 1, so only those cases are accepted.
/// </summary>
internal static class SoftmaxAxis
{
    public static int Resolve(ImportContext context, OnnxNode node, string input, long? axisAttribute, long semanticsOpset)
    {
        if (semanticsOpset >= 13) return node.ToInt(axisAttribute ?? -1, "axis");

        var axis = axisAttribute ?? 1;
        if (axis == -1) return -1;
        var rank = context.Rank(input)
            ?? throw node.Error($"softmax before opset 13 flattens from axis {axis}; the rank of '{input}' is unknown, so TinyGen cannot tell that it equals a softmax over the last axis");
        if (axis < -rank || axis >= rank) throw node.Error($"axis {axis} is out of range for rank {rank}");
        var normalized = (int)(axis < 0 ? axis + rank : axis);
        if (normalized == rank - 1) return node.ToInt(axis, "axis");

        var shape = context.Shape(input);
        if (!shape.IsDefault && Enumerable.Range(normalized, rank - 1 - normalized).All(i => shape[i] == 1)) return -1;
        throw node.Error($"softmax before opset 13 over axes {normalized}..{rank - 1} of a rank-{rank} tensor is not supported; TinyGen supports a softmax over the last axis");
    }
}
