using System.Buffers.Binary;

namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// An immutable typed array with a shape: an initializer's contents, a tensor attribute's value or a
/// sample input. Data are copied in, so later changes to the caller's array cannot alter a built model.
/// </summary>
public sealed class OnnxTensorValue
{
    private readonly Array _data;

    private OnnxTensorValue(OnnxElementType elementType, long[] dims, Array data)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Tensor dimension {d} is negative.", nameof(dims));
            }
            count *= d;
        }
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Tensor of shape [{string.Join(", ", dims)}] needs {count} elements but {data.Length} were given.",
                nameof(data));
        }
        ElementType = elementType;
        Dims = dims;
        _data = data;
    }

    public OnnxElementType ElementType { get; }

    /// <summary>The shape; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims { get; }

    public int Length => _data.Length;

    public static OnnxTensorValue Float(float[] data, params long[] dims) =>
        new(OnnxElementType.Float, (long[])dims.Clone(), (float[])data.Clone());

    public static OnnxTensorValue Int8(sbyte[] data, params long[] dims) =>
        new(OnnxElementType.Int8, (long[])dims.Clone(), (sbyte[])data.Clone());

    public static OnnxTensorValue UInt8(byte[] data, params long[] dims) =>
        new(OnnxElementType.UInt8, (long[])dims.Clone(), (byte[])data.Clone());

    public static OnnxTensorValue Int32(int[] data, params long[] dims) =>
        new(OnnxElementType.Int32, (long[])dims.Clone(), (int[])data.Clone());

    public static OnnxTensorValue Int64(long[] data, params long[] dims) =>
        new(OnnxElementType.Int64, (long[])dims.Clone(), (long[])data.Clone());

    /// <summary>A copy of the elements; T must match the element type (float, sbyte, byte, int, long).</summary>
    public T[] ToArray<T>()
    {
        if (_data is not T[] typed)
        {
            throw new InvalidOperationException($"Tensor holds {ElementType}, not {typeof(T).Name}.");
        }
        return (T[])typed.Clone();
    }

    /// <summary>The elements in ONNX's raw_data layout: little-endian, row-major.</summary>
    public byte[] ToLittleEndianBytes()
    {
        switch (_data)
        {
            case sbyte[] a:
                return a.Select(v => unchecked((byte)v)).ToArray();
            case byte[] a:
                return (byte[])a.Clone();
            case float[] a:
            {
                var bytes = new byte[a.Length * 4];
                for (int i = 0; i < a.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), a[i]);
                }
                return bytes;
            }
            case int[] a:
            {
                var bytes = new byte[a.Length * 4];
                for (int i = 0; i < a.Length; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), a[i]);
                }
                return bytes;
            }
            case long[] a:
            {
                var bytes = new byte[a.Length * 8];
                for (int i = 0; i < a.Length; i++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), a[i]);
                }
                return bytes;
            }
            default:
                throw new InvalidOperationException($"Unsupported element storage {_data.GetType().Name}.");
        }
    }
}
