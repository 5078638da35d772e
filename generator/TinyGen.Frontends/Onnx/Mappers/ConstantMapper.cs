using System.Collections.Immutable;
using TinyGen.Frontends.Onnx.Proto;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>Constant → a constant tensor (no operation): from value, value_float(s) or value_int(s).</summary>
internal sealed class ConstantMapper : IOpMapper
{
    public void Map(OnnxNode node, ImportContext context)
    {
        node.ExpectInputCount(0, 0);
        var y = node.RequireOutput();
        var supported = new[] { "value", "value_float", "value_floats", "value_int", "value_ints" };
        var given = node.AttributeNames.ToList();
        if (given.Count != 1)
            throw node.Error($"needs exactly one value attribute, has {given.Count} ({string.Join(", ", given)})");
        if (!supported.Contains(given[0]))
            throw node.Error($"attribute '{given[0]}' is not supported; TinyGen reads {string.Join(", ", supported)}");

        var proto = given[0] switch
        {
            "value" => node.Tensor("value")!,
            "value_float" => FloatTensor([node.Float("value_float")!.Value], scalar: true),
            "value_floats" => FloatTensor(node.Floats("value_floats")!.Value, scalar: false),
            "value_int" => IntTensor([node.Int("value_int")!.Value], scalar: true),
            _ => IntTensor(node.Ints("value_ints")!.Value, scalar: false),
        };
        context.AddConstant(y, TensorProtoDecoder.Decode(proto, $"{node.Describe}: value"));
    }

    private static TensorProto FloatTensor(ImmutableArray<float> values, bool scalar)
    {
        var t = new TensorProto { DataType = OnnxDataTypes.Float };
        if (!scalar) t.Dims.Add(values.Length);
        t.FloatData.AddRange(values);
        return t;
    }

    private static TensorProto IntTensor(ImmutableArray<long> values, bool scalar)
    {
        var t = new TensorProto { DataType = OnnxDataTypes.Int64 };
        if (!scalar) t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        return t;
    }
}
