using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TinyGen.Ir;

/// <summary>
/// The immutable little-endian bytes of a constant tensor (weights, biases, shape operands).
/// Typed views copy out, so nobody can change a constant behind the graph's back.
/// </summary>
public sealed class TensorData
{
    private readonly byte[] bytes;

    private TensorData(ElementType type, byte[] bytes)
    {
        Type = type;
        this.bytes = bytes;
    }

    public ElementType Type { get; }
    public int Length => bytes.Length / Type.SizeInBytes();
    public ReadOnlySpan<byte> Bytes => bytes;

    public static TensorData FromBytes(ElementType type, ReadOnlySpan<byte> littleEndian)
    {
        if (littleEndian.Length % type.SizeInBytes() != 0)
            throw new ArgumentException($"{littleEndian.Length} bytes is not a whole number of {type.DisplayName()} elements");
        return new TensorData(type, littleEndian.ToArray());
    }

    public static TensorData FromFloats(ReadOnlySpan<float> values) => FromSpan(ElementType.Float32, values);
    public static TensorData FromInt8(ReadOnlySpan<sbyte> values) => FromSpan(ElementType.Int8, values);
    public static TensorData FromUInt8(ReadOnlySpan<byte> values) => FromSpan(ElementType.UInt8, values);
    public static TensorData FromInt32(ReadOnlySpan<int> values) => FromSpan(ElementType.Int32, values);
    public static TensorData FromInt64(ReadOnlySpan<long> values) => FromSpan(ElementType.Int64, values);

    private static TensorData FromSpan<T>(ElementType type, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("TinyGen needs a little-endian host");
        return new TensorData(type, MemoryMarshal.AsBytes(values).ToArray());
    }

    public float[] ToFloats() => Type == ElementType.Float32 ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : ToDoubles().Select(v => (float)v).ToArray();
    public sbyte[] ToInt8() => Expect(ElementType.Int8, () => MemoryMarshal.Cast<byte, sbyte>(bytes).ToArray());
    public byte[] ToUInt8() => Expect(ElementType.UInt8, () => bytes.ToArray());
    public int[] ToInt32() => Expect(ElementType.Int32, () => MemoryMarshal.Cast<byte, int>(bytes).ToArray());

    /// <summary>Every element widened to long (integers) — for shape operands, axes and zero points.</summary>
    public long[] ToInt64s()
    {
        var result = new long[Length];
        for (var i = 0; i < result.Length; i++) result[i] = (long)ElementAt(i);
        return result;
    }

    /// <summary>Every element as double: exact for all integer types we hold and for float32.</summary>
    public double[] ToDoubles()
    {
        var result = new double[Length];
        for (var i = 0; i < result.Length; i++) result[i] = ElementAt(i);
        return result;
    }

    private double ElementAt(int i)
    {
        var s = bytes.AsSpan(i * Type.SizeInBytes());
        return Type switch
        {
            ElementType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(s),
            ElementType.Int8 => (sbyte)s[0],
            ElementType.UInt8 or ElementType.Bool => s[0],
            ElementType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s),
            ElementType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(s),
            ElementType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s),
            ElementType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s),
            _ => throw new InvalidOperationException(Type.ToString()),
        };
    }

    private T Expect<T>(ElementType type, Func<T> read) =>
        Type == type ? read() : throw new InvalidOperationException($"constant holds {Type.DisplayName()}, not {type.DisplayName()}");
}
