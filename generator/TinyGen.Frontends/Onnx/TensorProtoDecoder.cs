using System.Buffers.Binary;
using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx;

/// <summary>A decoded ONNX tensor: its IR element type, its shape and its little-endian bytes.</summary>
internal sealed record DecodedTensor(ElementType Type, ImmutableArray<int> Shape, TensorData Data);

/// <summary>
/// Turns a TensorProto into bytes the IR can hold, reading whichever of raw_data or the typed
/// fields the writer used (the spec allows either) and checking every size against the dims, so
/// that a corrupt or hostile file can only produce an error naming the tensor.
/// </summary>
internal static class TensorProtoDecoder
{
    /// <summary>256M elements: far above any microcontroller model, far below what overflows our arithmetic.</summary>
    public const long MaxElements = 256L * 1024 * 1024;

    /// <param name="what">How errors name the tensor, e.g. "initializer 'w'".</param>
    public static DecodedTensor Decode(TensorProto proto, string what)
    {
        var shape = CheckedShape(proto.Dims, what);
        var count = shape.Aggregate(1L, (p, d) => p * d);
        if (proto.DataLocation == TensorProto.Types.DataLocation.External || proto.ExternalData.Count > 0)
            throw new TinyGenException($"{what} keeps its data in an external file; TinyGen needs the data inside the model (save it without external data)");

        var code = proto.DataType;
        var type = OnnxDataTypes.ToElementType(OnnxDataTypes.AsStoredConstant(code))
            ?? throw new TinyGenException($"{what}: element type {OnnxDataTypes.Name(code)} is not supported");
        // The dims are only a claim: the payload must hold that many elements before anything is sized by them.
        CheckPayloadSize(proto, code, type, count, what);
        var bytes = new byte[count * type.SizeInBytes()];

        if (!proto.RawData.IsEmpty)
            FromRaw(proto.RawData.Span, code, type, count, bytes, what);
        else
            FromTypedFields(proto, code, count, bytes, what);

        return new DecodedTensor(type, shape, TensorData.FromBytes(type, bytes));
    }

    public static ImmutableArray<int> CheckedShape(IReadOnlyList<long> dims, string what)
    {
        var shape = ImmutableArray.CreateBuilder<int>(dims.Count);
        var count = 1L;
        foreach (var d in dims)
        {
            if (d < 0) throw new TinyGenException($"{what} has a negative dimension ({d})");
            if (d > MaxElements) throw new TinyGenException($"{what} has a dimension of {d}, more than TinyGen's limit of {MaxElements} elements");
            count *= d; // both factors are ≤ 2^28 and count is kept ≤ 2^28, so this cannot overflow
            if (count > MaxElements) throw new TinyGenException($"{what} has more than {MaxElements} elements (dims [{string.Join(",", dims)}])");
            shape.Add((int)d);
        }
        return shape.MoveToImmutable();
    }

    private static int RawElementSize(int code, ElementType stored) => code switch
    {
        OnnxDataTypes.Float16 => 2,
        OnnxDataTypes.Double => 8,
        _ => stored.SizeInBytes(),
    };

    private static void CheckPayloadSize(TensorProto proto, int code, ElementType type, long count, string what)
    {
        if (!proto.RawData.IsEmpty)
        {
            var size = RawElementSize(code, type);
            if (proto.RawData.Length != count * size)
                throw new TinyGenException($"{what}: raw_data holds {proto.RawData.Length} bytes but {count} {OnnxDataTypes.Name(code)} elements need {count * size}");
            return;
        }
        var (field, values) = code switch
        {
            OnnxDataTypes.Float => ("float_data", proto.FloatData.Count),
            OnnxDataTypes.Double => ("double_data", proto.DoubleData.Count),
            OnnxDataTypes.Int64 => ("int64_data", proto.Int64Data.Count),
            // int32, float16 bit patterns and the narrow integers and bool, widened
            _ => ("int32_data", proto.Int32Data.Count),
        };
        if (values != count)
            throw new TinyGenException($"{what}: {field} holds {values} values but the dims need {count}");
    }

    private static void FromRaw(ReadOnlySpan<byte> raw, int code, ElementType type, long count, byte[] bytes, string what)
    {
        switch (code)
        {
            case OnnxDataTypes.Float16:
                for (var i = 0; i < count; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..])));
                break;
            case OnnxDataTypes.Double:
                for (var i = 0; i < count; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]));
                break;
            default:
                raw.CopyTo(bytes);
                if (type == ElementType.Bool)
                    foreach (var b in bytes)
                        if (b > 1) throw new TinyGenException($"{what}: bool element with value {b}");
                break;
        }
    }

    private static void FromTypedFields(TensorProto proto, int code, long count, byte[] bytes, string what)
    {
        var span = bytes.AsSpan();
        switch (code)
        {
            case OnnxDataTypes.Float:
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], proto.FloatData[i]);
                break;
            case OnnxDataTypes.Double:
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], (float)proto.DoubleData[i]);
                break;
            case OnnxDataTypes.Int64:
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt64LittleEndian(span[(i * 8)..], proto.Int64Data[i]);
                break;
            case OnnxDataTypes.Int32:
                for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], proto.Int32Data[i]);
                break;
            case OnnxDataTypes.Float16:
                // The spec stores float16 bit patterns, one per int32_data entry.
                for (var i = 0; i < count; i++)
                {
                    var v = proto.Int32Data[i];
                    if (v is < 0 or > ushort.MaxValue) throw OutOfRange(v, "float16 bit pattern");
                    BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], (float)BitConverter.UInt16BitsToHalf((ushort)v));
                }
                break;
            default:
                // int8, uint8, int16, uint16 and bool travel widened in int32_data.
                var (min, max) = code switch
                {
                    (int)TensorProto.Types.DataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
                    (int)TensorProto.Types.DataType.Uint8 => (byte.MinValue, byte.MaxValue),
                    (int)TensorProto.Types.DataType.Int16 => (short.MinValue, short.MaxValue),
                    (int)TensorProto.Types.DataType.Uint16 => (ushort.MinValue, ushort.MaxValue),
                    (int)TensorProto.Types.DataType.Bool => (0, 1),
                    _ => throw new TinyGenException($"{what}: element type {OnnxDataTypes.Name(code)} is not supported"),
                };
                var size = bytes.Length / Math.Max(1, count);
                for (var i = 0; i < count; i++)
                {
                    var v = proto.Int32Data[i];
                    if (v < min || v > max) throw OutOfRange(v, OnnxDataTypes.Name(code));
                    if (size == 1) bytes[i] = (byte)v;
                    else BinaryPrimitives.WriteInt16LittleEndian(span[(i * 2)..], (short)v);
                }
                break;
        }

        TinyGenException OutOfRange(int value, string kind) => new($"{what}: value {value} in int32_data is not a valid {kind}");
    }
}
