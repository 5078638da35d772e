using TinyGen.Ir;

namespace TinyGen.Frontends.Tflite;

/// <summary>schema.fbs's TensorType codes, and the IR element types TinyGen reads them as.</summary>
public static class TfliteTensorType
{
    public const byte Float32 = 0;
    public const byte Int32 = 2;
    public const byte UInt8 = 3;
    public const byte Int64 = 4;
    public const byte Bool = 6;
    public const byte Int16 = 7;
    public const byte Int8 = 9;

    private static readonly string[] Names =
    [
        "FLOAT32", "FLOAT16", "INT32", "UINT8", "INT64", "STRING", "BOOL", "INT16", "COMPLEX64", "INT8", "FLOAT64",
        "COMPLEX128", "UINT64", "RESOURCE", "VARIANT", "UINT32", "UINT16", "INT4", "BFLOAT16", "INT2", "UINT4",
        "FLOAT8_E4M3FN", "FLOAT8_E5M2",
    ];

    public static string Name(byte type) => type < Names.Length ? Names[type] : $"type {type}";

    public static ElementType? ToElementType(byte type) => type switch
    {
        Float32 => ElementType.Float32,
        Int32 => ElementType.Int32,
        UInt8 => ElementType.UInt8,
        Int64 => ElementType.Int64,
        Bool => ElementType.Bool,
        Int16 => ElementType.Int16,
        Int8 => ElementType.Int8,
        _ => null,
    };
}
