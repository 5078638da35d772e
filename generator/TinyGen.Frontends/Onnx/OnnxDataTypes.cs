using TinyGen.Diagnostics;
using TinyGen.Ir;
using DataType = TinyGen.Frontends.Onnx.Proto.TensorProto.Types.DataType;

namespace TinyGen.Frontends.Onnx;

/// <summary>ONNX's element type codes (TensorProto.DataType): their names and TinyGen's equivalents.</summary>
internal static class OnnxDataTypes
{
    public const int Float = (int)DataType.Float;
    public const int UInt8 = (int)DataType.Uint8;
    public const int Int8 = (int)DataType.Int8;
    public const int Int32 = (int)DataType.Int32;
    public const int Int64 = (int)DataType.Int64;
    public const int Float16 = (int)DataType.Float16;
    public const int Double = (int)DataType.Double;

    public static string Name(int code) => code switch
    {
        (int)DataType.Undefined => "undefined",
        (int)DataType.Float => "float32",
        (int)DataType.Uint8 => "uint8",
        (int)DataType.Int8 => "int8",
        (int)DataType.Uint16 => "uint16",
        (int)DataType.Int16 => "int16",
        (int)DataType.Int32 => "int32",
        (int)DataType.Int64 => "int64",
        (int)DataType.String => "string",
        (int)DataType.Bool => "bool",
        (int)DataType.Float16 => "float16",
        (int)DataType.Double => "float64",
        (int)DataType.Uint32 => "uint32",
        (int)DataType.Uint64 => "uint64",
        (int)DataType.Complex64 => "complex64",
        (int)DataType.Complex128 => "complex128",
        (int)DataType.Bfloat16 => "bfloat16",
        (int)DataType.Float8E4M3Fn => "float8e4m3fn",
        (int)DataType.Float8E4M3Fnuz => "float8e4m3fnuz",
        (int)DataType.Float8E5M2 => "float8e5m2",
        (int)DataType.Float8E5M2Fnuz => "float8e5m2fnuz",
        (int)DataType.Uint4 => "uint4",
        (int)DataType.Int4 => "int4",
        (int)DataType.Float4E2M1 => "float4e2m1",
        _ => $"unknown type {code}",
    };

    /// <summary>The IR type that holds values of ONNX type <paramref name="code"/>, or null if none does.</summary>
    public static ElementType? ToElementType(int code) => code switch
    {
        (int)DataType.Float => ElementType.Float32,
        (int)DataType.Uint8 => ElementType.UInt8,
        (int)DataType.Int8 => ElementType.Int8,
        (int)DataType.Uint16 => ElementType.UInt16,
        (int)DataType.Int16 => ElementType.Int16,
        (int)DataType.Int32 => ElementType.Int32,
        (int)DataType.Int64 => ElementType.Int64,
        (int)DataType.Bool => ElementType.Bool,
        _ => null,
    };

    public static ElementType RequireElementType(int code, string where) =>
        ToElementType(code) ?? throw new TinyGenException($"{where}: element type {Name(code)} is not supported");

    public static int FromElementType(ElementType type) => type switch
    {
        ElementType.Float32 => (int)DataType.Float,
        ElementType.UInt8 => (int)DataType.Uint8,
        ElementType.Int8 => (int)DataType.Int8,
        ElementType.UInt16 => (int)DataType.Uint16,
        ElementType.Int16 => (int)DataType.Int16,
        ElementType.Int32 => (int)DataType.Int32,
        ElementType.Int64 => (int)DataType.Int64,
        ElementType.Bool => (int)DataType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// Constants stored as float16 or float64 are widened/narrowed to float32 when read (scales are
    /// often float16); this is the type a constant of ONNX type <paramref name="code"/> ends up with.
    /// </summary>
    public static int AsStoredConstant(int code) => code is Float16 or Double ? Float : code;
}
