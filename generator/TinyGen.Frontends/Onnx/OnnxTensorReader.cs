using System.Collections.Immutable;
using Google.Protobuf;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx;

/// <summary>
/// Reads one serialized ONNX TensorProto, as the ONNX node tests store their inputs and expected
/// outputs (input_N.pb, output_N.pb). float16 and float64 tensors come back as Float32.
/// </summary>
public static class OnnxTensorReader
{
    public static (ElementType Type, ImmutableArray<int> Shape, TensorData Data) Read(ReadOnlySpan<byte> serializedTensorProto)
    {
        TensorProto proto;
        try
        {
            proto = TensorProto.Parser.ParseFrom(serializedTensorProto.ToArray());
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TinyGenException($"not a valid ONNX tensor: {e.Message}", inner: e);
        }
        var what = string.IsNullOrEmpty(proto.Name) ? "tensor" : $"tensor '{proto.Name}'";
        var decoded = TensorProtoDecoder.Decode(proto, what);
        return (decoded.Type, decoded.Shape, decoded.Data);
    }
}
