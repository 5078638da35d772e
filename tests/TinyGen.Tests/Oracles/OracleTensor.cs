using System.Runtime.InteropServices;

namespace TinyGen.Tests.Oracles;

/// <summary>
/// A tensor crossing the oracle boundary: an element type name as onnxruntime spells it
/// ("int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64",
/// "float16" (raw half bits), "bool"), its dims, and its values as raw little-endian bytes so nothing is lost in transit.
/// Build one with the From* factories and read it with the To* accessors. Arrays are shared, not
/// copied: treat them as read-only. Record equality compares array references, so compare contents
/// with the accessors (e.g. Assert.Equal(expected.ToInt8(), actual.ToInt8())).
/// </summary>
public sealed record OracleTensor(string Type, int[] Dims, byte[] Data, string? Name = null)
{
    public int ElementCount => Dims.Aggregate(1, (product, d) => product * d);

    public static OracleTensor FromInt8(ReadOnlySpan<sbyte> values, int[] dims, string? name = null) =>
        Create("int8", values, dims, name);

    public static OracleTensor FromUInt8(ReadOnlySpan<byte> values, int[] dims, string? name = null) =>
        Create("uint8", values, dims, name);

    public static OracleTensor FromInt16(ReadOnlySpan<short> values, int[] dims, string? name = null) =>
        Create("int16", values, dims, name);

    public static OracleTensor FromInt32(ReadOnlySpan<int> values, int[] dims, string? name = null) =>
        Create("int32", values, dims, name);

    public static OracleTensor FromInt64(ReadOnlySpan<long> values, int[] dims, string? name = null) =>
        Create("int64", values, dims, name);

    public static OracleTensor FromFloat32(ReadOnlySpan<float> values, int[] dims, string? name = null) =>
        Create("float32", values, dims, name);

    public static OracleTensor FromFloat64(ReadOnlySpan<double> values, int[] dims, string? name = null) =>
        Create("float64", values, dims, name);

    public sbyte[] ToInt8() => As<sbyte>("int8");

    public byte[] ToUInt8() => As<byte>("uint8");

    public short[] ToInt16() => As<short>("int16");

    public int[] ToInt32() => As<int>("int32");

    public long[] ToInt64() => As<long>("int64");

    public float[] ToFloat32() => As<float>("float32");

    public double[] ToFloat64() => As<double>("float64");

    /// <summary>Every value widened to double, whatever the type (exact except 64-bit integers past 2^53).</summary>
    public double[] ToDoubles() => Type switch
    {
        "int8" => Array.ConvertAll(ToInt8(), v => (double)v),
        "uint8" or "bool" => Array.ConvertAll(Data, v => (double)v),
        "int16" => Array.ConvertAll(ToInt16(), v => (double)v),
        "uint16" => Array.ConvertAll(MemoryMarshal.Cast<byte, ushort>(Data).ToArray(), v => (double)v),
        "int32" => Array.ConvertAll(ToInt32(), v => (double)v),
        "uint32" => Array.ConvertAll(MemoryMarshal.Cast<byte, uint>(Data).ToArray(), v => (double)v),
        "int64" => Array.ConvertAll(ToInt64(), v => (double)v),
        "uint64" => Array.ConvertAll(MemoryMarshal.Cast<byte, ulong>(Data).ToArray(), v => (double)v),
        "float16" => Array.ConvertAll(MemoryMarshal.Cast<byte, Half>(Data).ToArray(), v => (double)v),
        "float32" => Array.ConvertAll(ToFloat32(), v => (double)v),
        "float64" => ToFloat64(),
        _ => throw new InvalidOperationException($"Tensor {Name ?? "(unnamed)"} has unsupported type '{Type}'."),
    };

    /// <summary>Bytes per element of an oracle type name; throws for a name the oracle does not know.</summary>
    public static int ElementSize(string type) => type switch
    {
        "int8" or "uint8" or "bool" => 1,
        "int16" or "uint16" or "float16" => 2,
        "int32" or "uint32" or "float32" => 4,
        "int64" or "uint64" or "float64" => 8,
        _ => throw new ArgumentException($"Unknown oracle tensor type '{type}'.", nameof(type)),
    };

    public override string ToString() => $"{Name ?? "(unnamed)"}: {Type}[{string.Join(",", Dims)}]";

    private static OracleTensor Create<T>(string type, ReadOnlySpan<T> values, int[] dims, string? name)
        where T : unmanaged
    {
        var count = dims.Aggregate(1, (product, d) => product * d);
        if (values.Length != count)
        {
            throw new ArgumentException(
                $"{values.Length} values given for a {type} tensor of dims [{string.Join(",", dims)}] ({count} elements).");
        }

        return new OracleTensor(type, dims, MemoryMarshal.AsBytes(values).ToArray(), name);
    }

    private T[] As<T>(string expectedType)
        where T : unmanaged
    {
        if (Type != expectedType)
        {
            throw new InvalidOperationException(
                $"Tensor {Name ?? "(unnamed)"} is {Type}, not {expectedType}.");
        }

        return MemoryMarshal.Cast<byte, T>(Data).ToArray();
    }
}
