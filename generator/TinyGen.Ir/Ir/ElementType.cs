namespace TinyGen.Ir;

/// <summary>Element types a tensor can hold. Integer activations end up as Int8 after lowering.</summary>
public enum ElementType
{
    Float32,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    Int64,
    Bool,
}

public static class ElementTypeExtensions
{
    public static int SizeInBytes(this ElementType type) => type switch
    {
        ElementType.Int8 or ElementType.UInt8 or ElementType.Bool => 1,
        ElementType.Int16 or ElementType.UInt16 => 2,
        ElementType.Float32 or ElementType.Int32 => 4,
        ElementType.Int64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool IsQuantizedInteger(this ElementType type) => type is ElementType.Int8 or ElementType.UInt8;

    public static string DisplayName(this ElementType type) => type switch
    {
        ElementType.Float32 => "float32",
        ElementType.Int8 => "int8",
        ElementType.UInt8 => "uint8",
        ElementType.Int16 => "int16",
        ElementType.UInt16 => "uint16",
        ElementType.Int32 => "int32",
        ElementType.Int64 => "int64",
        ElementType.Bool => "bool",
        _ => type.ToString(),
    };
}
