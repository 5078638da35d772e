using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Emit;

/// <summary>The C element type (an identifier from stdint.h or a C keyword) of each IR element type the firmware handles.</summary>
public static class CTypes
{
    public static string Of(ElementType type) => type switch
    {
        ElementType.Int8 => "int8_t",
        ElementType.UInt8 => "uint8_t",
        ElementType.Int32 => "int32_t",
        ElementType.Float32 => "float",
        _ => throw new TinyGenException($"{type.DisplayName()} tensors have no C representation in the generated code"),
    };

    /// <summary>The harness's tg_harness_type enumerator for a model input or output.</summary>
    public static string HarnessType(ElementType type) => type switch
    {
        ElementType.Int8 => "TG_HARNESS_INT8",
        ElementType.UInt8 => "TG_HARNESS_UINT8",
        ElementType.Float32 => "TG_HARNESS_FLOAT32",
        _ => throw new TinyGenException($"the test harness cannot exchange {type.DisplayName()} tensors"),
    };
}
