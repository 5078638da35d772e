using System.Buffers.Binary;
using Google.Protobuf;
using TinyGen.Frontends.Onnx.Proto;

namespace TinyGen.Fuzzing;

/// <summary>
/// Corruptions that keep an ONNX file a valid protobuf but make the model wrong in the ways a hostile or
/// broken exporter could: huge, negative or zero dimensions, cycles, missing initializers, wrong element
/// types, duplicate names, absurd attribute and quantization values, ops and opsets that do not exist.
/// </summary>
public static class OnnxMutators
{
    public static IReadOnlyList<Mutator> All { get; } =
    [
        new("onnx-huge-dim", (b, r) => Edit(b, r, (m, rr) => SetDim(m, rr, Pick(rr, 1L << 28, (1L << 28) + 1, int.MaxValue, 1L << 31, 1L << 40, long.MaxValue, 65_536L * 3, 100_000)))),
        new("onnx-negative-dim", (b, r) => Edit(b, r, (m, rr) => SetDim(m, rr, Pick(rr, -1L, -2L, int.MinValue, long.MinValue)))),
        new("onnx-zero-dim", (b, r) => Edit(b, r, (m, rr) => SetDim(m, rr, 0))),
        new("onnx-rank-change", (b, r) => Edit(b, r, ChangeRank)),
        new("onnx-cycle", (b, r) => Edit(b, r, MakeCycle)),
        new("onnx-missing-initializer", (b, r) => Edit(b, r, (m, rr) => RemoveOne(m.Graph.Initializer, rr))),
        new("onnx-drop-node", (b, r) => Edit(b, r, (m, rr) => RemoveOne(m.Graph.Node, rr))),
        new("onnx-wrong-dtype", (b, r) => Edit(b, r, WrongType)),
        new("onnx-duplicate-name", (b, r) => Edit(b, r, DuplicateName)),
        new("onnx-absurd-attribute", (b, r) => Edit(b, r, AbsurdAttribute)),
        new("onnx-absurd-quantization", (b, r) => Edit(b, r, AbsurdSmallConstant)),
        new("onnx-raw-data-size", (b, r) => Edit(b, r, WrongPayloadSize)),
        new("onnx-op-type", (b, r) => Edit(b, r, ChangeOp)),
        new("onnx-opset", (b, r) => Edit(b, r, (m, rr) =>
        {
            if (m.OpsetImport.Count == 0) return false;
            m.OpsetImport[rr.Next(m.OpsetImport.Count)].Version = Pick(rr, 0L, 1L, 6L, 9_999L, -1L, long.MaxValue);
            return true;
        })),
        new("onnx-swap-inputs", (b, r) => Edit(b, r, (m, rr) =>
        {
            var node = PickOrNull(m.Graph.Node.Where(n => n.Input.Count >= 2).ToList(), rr);
            if (node is null) return false;
            int i = rr.Next(node.Input.Count), j = rr.Next(node.Input.Count);
            (node.Input[i], node.Input[j]) = (node.Input[j], node.Input[i]);
            return true;
        })),
    ];

    private static readonly string[] OpTypes =
    [
        "Conv", "QLinearConv", "MatMul", "Gemm", "Add", "Mul", "MaxPool", "AveragePool", "GlobalAveragePool", "Softmax",
        "Concat", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Relu", "Clip", "Pad", "QuantizeLinear",
        "DequantizeLinear", "Identity", "Constant", "LSTM", "Loop", "If", "NoSuchOp", "",
    ];

    private static byte[]? Edit(byte[] bytes, Random random, Func<ModelProto, Random, bool> change)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null; // an earlier mutation broke the wire format; nothing schema-aware to do
        }
        if (model.Graph is null || !change(model, random)) return null;
        return model.ToByteArray();
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    private static T? PickOrNull<T>(IReadOnlyList<T> items, Random random) where T : class =>
        items.Count == 0 ? null : items[random.Next(items.Count)];

    private static bool RemoveOne<T>(IList<T> items, Random random)
    {
        if (items.Count == 0) return false;
        items.RemoveAt(random.Next(items.Count));
        return true;
    }

    private static IEnumerable<ValueInfoProto> ValueInfos(GraphProto g) => g.Input.Concat(g.Output).Concat(g.ValueInfo);

    /// <summary>Every place a model states a dimension: initializer dims and declared value shapes.</summary>
    private static List<Action<long>> DimSetters(ModelProto m)
    {
        var setters = new List<Action<long>>();
        foreach (var t in m.Graph.Initializer)
            for (var i = 0; i < t.Dims.Count; i++)
            {
                var (tensor, axis) = (t, i);
                setters.Add(v => tensor.Dims[axis] = v);
            }
        foreach (var vi in ValueInfos(m.Graph))
            if (vi.Type?.TensorType?.Shape is { } shape)
                foreach (var dim in shape.Dim)
                    setters.Add(v => dim.DimValue = v);
        return setters;
    }

    private static bool SetDim(ModelProto m, Random random, long value)
    {
        var setters = DimSetters(m);
        if (setters.Count == 0) return false;
        setters[random.Next(setters.Count)](value);
        return true;
    }

    private static bool ChangeRank(ModelProto m, Random random)
    {
        if (random.Next(2) == 0 && PickOrNull(m.Graph.Initializer, random) is { } t)
        {
            if (t.Dims.Count > 0 && random.Next(2) == 0) t.Dims.RemoveAt(random.Next(t.Dims.Count));
            else t.Dims.Insert(random.Next(t.Dims.Count + 1), Pick(random, 1L, 2L, 7L));
            return true;
        }
        var shapes = ValueInfos(m.Graph).Select(v => v.Type?.TensorType?.Shape).OfType<TensorShapeProto>().ToList();
        if (PickOrNull(shapes, random) is not { } s) return false;
        if (s.Dim.Count > 0 && random.Next(2) == 0) s.Dim.RemoveAt(random.Next(s.Dim.Count));
        else s.Dim.Insert(random.Next(s.Dim.Count + 1), new TensorShapeProto.Types.Dimension { DimValue = Pick(random, 1L, 3L, 9L) });
        return true;
    }

    /// <summary>Feeds a node's output back into itself or an earlier node.</summary>
    private static bool MakeCycle(ModelProto m, Random random)
    {
        var nodes = m.Graph.Node;
        if (nodes.Count == 0) return false;
        var late = random.Next(nodes.Count);
        var early = random.Next(late + 1);
        if (nodes[late].Output.Count == 0 || nodes[early].Input.Count == 0) return false;
        nodes[early].Input[random.Next(nodes[early].Input.Count)] = nodes[late].Output[0];
        return true;
    }

    private static bool WrongType(ModelProto m, Random random)
    {
        var type = Pick(random, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 21, 22, 99, -1);
        if (random.Next(2) == 0 && PickOrNull(m.Graph.Initializer, random) is { } t)
        {
            t.DataType = type;
            return true;
        }
        var tensorTypes = ValueInfos(m.Graph).Select(v => v.Type?.TensorType).OfType<TypeProto.Types.Tensor>().ToList();
        if (PickOrNull(tensorTypes, random) is not { } tt) return false;
        tt.ElemType = type;
        return true;
    }

    private static bool DuplicateName(ModelProto m, Random random)
    {
        var g = m.Graph;
        var names = g.Node.SelectMany(n => n.Output).Concat(g.Initializer.Select(i => i.Name)).Concat(g.Input.Select(i => i.Name)).ToList();
        if (names.Count == 0) return false;
        var taken = Pick(random, [.. names]);
        switch (random.Next(4))
        {
            case 0 when g.Node.Count > 0:
                var node = g.Node[random.Next(g.Node.Count)];
                if (node.Output.Count == 0) return false;
                node.Output[random.Next(node.Output.Count)] = taken;
                return true;
            case 1 when g.Initializer.Count > 0:
                g.Initializer[random.Next(g.Initializer.Count)].Name = taken;
                return true;
            case 2 when g.Node.Count > 1:
                g.Node[random.Next(g.Node.Count)].Name = g.Node[random.Next(g.Node.Count)].Name;
                return true;
            default:
                if (g.Input.Count == 0) return false;
                g.Input.Add(g.Input[random.Next(g.Input.Count)].Clone());
                return true;
        }
    }

    private static bool AbsurdAttribute(ModelProto m, Random random)
    {
        var attributes = m.Graph.Node.SelectMany(n => n.Attribute).ToList();
        if (PickOrNull(attributes, random) is not { } a) return false;
        long[] absurd = [0, -1, -7, 1L << 31, 1L << 40, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue, 100_000];
        switch (random.Next(5))
        {
            case 0:
                a.I = Pick(random, absurd);
                break;
            case 1 when a.Ints.Count > 0:
                a.Ints[random.Next(a.Ints.Count)] = Pick(random, absurd);
                break;
            case 2:
                var count = Pick(random, 0, 1, 3, 9, 64);
                a.Ints.Clear();
                for (var i = 0; i < count; i++) a.Ints.Add(Pick(random, absurd));
                break;
            case 3:
                a.F = Pick(random, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, float.MaxValue, -1f);
                break;
            default:
                a.Type = Pick(random, AttributeProto.Types.AttributeType.Undefined, AttributeProto.Types.AttributeType.Int,
                    AttributeProto.Types.AttributeType.Ints, AttributeProto.Types.AttributeType.Float, AttributeProto.Types.AttributeType.String,
                    AttributeProto.Types.AttributeType.Tensor, AttributeProto.Types.AttributeType.Graph);
                break;
        }
        return true;
    }

    /// <summary>Scales and zero points (small constants) set to values no quantizer produces: 0, negative, NaN, infinite, denormal, out of range.</summary>
    private static bool AbsurdSmallConstant(ModelProto m, Random random)
    {
        var small = m.Graph.Initializer.Where(t => t.Dims.Aggregate(1L, (p, d) => p * d) is > 0 and <= 64).ToList();
        if (PickOrNull(small, random) is not { } t) return false;
        var count = (int)t.Dims.Aggregate(1L, (p, d) => p * d);
        byte[] raw;
        switch (t.DataType)
        {
            case (int)TensorProto.Types.DataType.Float:
                raw = new byte[count * 4];
                for (var i = 0; i < count; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), Pick(random, 0f, -0f, -1f, float.NaN, float.PositiveInfinity, float.Epsilon, 1e-30f, 1e30f, float.MaxValue));
                break;
            case (int)TensorProto.Types.DataType.Int32:
                raw = new byte[count * 4];
                for (var i = 0; i < count; i++)
                    BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(i * 4), Pick(random, int.MinValue, int.MaxValue, -1, 0));
                break;
            case (int)TensorProto.Types.DataType.Int64:
                raw = new byte[count * 8];
                for (var i = 0; i < count; i++)
                    BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), Pick(random, long.MinValue, long.MaxValue, -1L, 0L, 1L << 40));
                break;
            default:
                raw = new byte[count];
                random.NextBytes(raw);
                break;
        }
        t.FloatData.Clear();
        t.Int32Data.Clear();
        t.Int64Data.Clear();
        t.RawData = ByteString.CopyFrom(raw);
        return true;
    }

    private static bool WrongPayloadSize(ModelProto m, Random random)
    {
        if (PickOrNull(m.Graph.Initializer, random) is not { } t) return false;
        if (!t.RawData.IsEmpty)
        {
            var raw = t.RawData.ToByteArray();
            t.RawData = random.Next(2) == 0 ? ByteString.CopyFrom(raw, 0, random.Next(raw.Length)) : ByteString.CopyFrom([.. raw, .. new byte[1 + random.Next(9)]]);
        }
        else if (t.FloatData.Count > 0) t.FloatData.RemoveAt(0);
        else if (t.Int32Data.Count > 0) t.Int32Data.Add(1);
        else if (t.Int64Data.Count > 0) t.Int64Data.RemoveAt(0);
        else t.RawData = ByteString.CopyFrom(new byte[3]);
        return true;
    }

    private static bool ChangeOp(ModelProto m, Random random)
    {
        if (PickOrNull(m.Graph.Node, random) is not { } node) return false;
        if (random.Next(4) == 0) node.Domain = Pick(random, "", "ai.onnx", "com.microsoft", "ai.onnx.ml", "evil.domain");
        else node.OpType = Pick(random, OpTypes);
        return true;
    }
}
