using System.Buffers.Binary;

namespace TinyGen.Tests.Oracles;

/// <summary>
/// Reads a serialized ONNX TensorProto (the input_N.pb / output_N.pb files of the ONNX node tests)
/// straight from the protobuf wire format, independently of TinyGen's ONNX frontend, so oracle tests
/// do not depend on the code they help check. Handles the fixed-width numeric types, stored either in
/// raw_data or in the typed repeated fields; other types (strings, 4-bit, bfloat16, external data) throw.
/// </summary>
public static class TensorProtoFile
{
    // TensorProto field numbers (onnx.proto).
    private const int DimsField = 1;
    private const int DataTypeField = 2;
    private const int FloatDataField = 4;
    private const int Int32DataField = 5;
    private const int Int64DataField = 7;
    private const int NameField = 8;
    private const int RawDataField = 9;
    private const int DoubleDataField = 10;
    private const int Uint64DataField = 11;
    private const int DataLocationField = 14;

    public static OracleTensor Read(string path)
    {
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    public static OracleTensor Parse(ReadOnlySpan<byte> bytes)
    {
        var dims = new List<int>();
        var dataType = 0;
        string? name = null;
        byte[]? raw = null;
        var floats = new List<float>();
        var doubles = new List<double>();
        var varints = new List<ulong>(); // int32_data, int64_data and uint64_data all hold varints

        var reader = new WireReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case DimsField:
                    ReadVarints(ref reader, wireType, value => dims.Add(checked((int)(long)value)));
                    break;
                case DataTypeField:
                    dataType = (int)reader.ReadVarint();
                    break;
                case FloatDataField:
                    ReadFixed(ref reader, wireType, 4, span => floats.Add(BinaryPrimitives.ReadSingleLittleEndian(span)));
                    break;
                case DoubleDataField:
                    ReadFixed(ref reader, wireType, 8, span => doubles.Add(BinaryPrimitives.ReadDoubleLittleEndian(span)));
                    break;
                case Int32DataField or Int64DataField or Uint64DataField:
                    ReadVarints(ref reader, wireType, varints.Add);
                    break;
                case NameField:
                    name = System.Text.Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                case RawDataField:
                    raw = reader.ReadLengthDelimited().ToArray();
                    break;
                case DataLocationField:
                    if (reader.ReadVarint() != 0)
                    {
                        throw new FormatException("tensor stores its data externally, which this reader does not follow.");
                    }

                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        var type = TypeName(dataType);
        var count = dims.Aggregate(1, (product, d) => product * d);
        var size = OracleTensor.ElementSize(type);
        var data = raw ?? FromTypedFields(type, size, count, floats, doubles, varints);
        if (data.Length != count * size)
        {
            throw new FormatException(
                $"tensor '{name}' of {type} [{string.Join(",", dims)}] holds {data.Length} bytes, expected {count * size}.");
        }

        return new OracleTensor(type, [.. dims], data, name);
    }

    private static string TypeName(int onnxDataType) => onnxDataType switch
    {
        1 => "float32",
        2 => "uint8",
        3 => "int8",
        4 => "uint16",
        5 => "int16",
        6 => "int32",
        7 => "int64",
        9 => "bool",
        10 => "float16",
        11 => "float64",
        12 => "uint32",
        13 => "uint64",
        _ => throw new FormatException($"TensorProto data_type {onnxDataType} is not supported by this reader."),
    };

    private static byte[] FromTypedFields(
        string type, int size, int count, List<float> floats, List<double> doubles, List<ulong> varints)
    {
        var data = new byte[count * size];
        var span = data.AsSpan();
        switch (type)
        {
            case "float32":
                Require(floats.Count, count, "float_data");
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(span[(4 * i)..], floats[i]);
                }

                break;
            case "float64":
                Require(doubles.Count, count, "double_data");
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(span[(8 * i)..], doubles[i]);
                }

                break;
            default:
                // Integers narrower than 64 bits (and float16 bit patterns) sit in int32_data; the wider
                // ones in int64_data / uint64_data. Keeping the low `size` bytes of each is exact for all.
                Require(varints.Count, count, "int32_data/int64_data/uint64_data");
                Span<byte> wide = stackalloc byte[8];
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(wide, varints[i]);
                    wide[..size].CopyTo(span[(size * i)..]);
                }

                break;
        }

        return data;
    }

    private static void Require(int have, int need, string field)
    {
        if (have != need)
        {
            throw new FormatException($"{field} holds {have} values, expected {need}.");
        }
    }

    private static void ReadVarints(ref WireReader reader, int wireType, Action<ulong> add)
    {
        if (wireType == WireReader.LengthDelimited)
        {
            var packed = new WireReader(reader.ReadLengthDelimited());
            while (!packed.AtEnd)
            {
                add(packed.ReadVarint());
            }
        }
        else
        {
            add(reader.ReadVarint());
        }
    }

    private static void ReadFixed(ref WireReader reader, int wireType, int width, SpanAction add)
    {
        if (wireType == WireReader.LengthDelimited)
        {
            var packed = reader.ReadLengthDelimited();
            for (var offset = 0; offset + width <= packed.Length; offset += width)
            {
                add(packed.Slice(offset, width));
            }
        }
        else
        {
            add(reader.ReadFixed(width));
        }
    }

    private delegate void SpanAction(ReadOnlySpan<byte> value);

    /// <summary>The few protobuf wire-format primitives a TensorProto needs.</summary>
    private ref struct WireReader(ReadOnlySpan<byte> bytes)
    {
        public const int Varint = 0;
        public const int Fixed64 = 1;
        public const int LengthDelimited = 2;
        public const int Fixed32 = 5;

        private readonly ReadOnlySpan<byte> bytes = bytes;
        private int position;

        public readonly bool AtEnd => position >= bytes.Length;

        public (int Field, int WireType) ReadTag()
        {
            var tag = ReadVarint();
            return ((int)(tag >> 3), (int)(tag & 7));
        }

        public ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (position >= bytes.Length)
                {
                    throw new FormatException("truncated varint.");
                }

                var b = bytes[position++];
                value |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new FormatException("varint longer than 10 bytes.");
        }

        public ReadOnlySpan<byte> ReadLengthDelimited() => Take(checked((int)ReadVarint()));

        public ReadOnlySpan<byte> ReadFixed(int width) => Take(width);

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case Varint: ReadVarint(); break;
                case Fixed64: Take(8); break;
                case LengthDelimited: ReadLengthDelimited(); break;
                case Fixed32: Take(4); break;
                default: throw new FormatException($"unsupported protobuf wire type {wireType}.");
            }
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || position + count > bytes.Length)
            {
                throw new FormatException("field runs past the end of the message.");
            }

            var slice = bytes.Slice(position, count);
            position += count;
            return slice;
        }
    }
}
