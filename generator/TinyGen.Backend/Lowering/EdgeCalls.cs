using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// tg_quantize_f32_s8 (round half to even, ONNX) or tg_quantize_f32_s8_half_away (TFLite): a float
/// graph input to int8, saturated.
/// </summary>
public sealed record QuantizeFloatCall(Operation Op, string Input, string Output, int Size, float Scale, int ZeroPoint,
    QuantizeRounding Rounding = QuantizeRounding.HalfToEven) : KernelCall(Op)
{
    public string Function => Rounding == QuantizeRounding.HalfToEven ? "tg_quantize_f32_s8" : "tg_quantize_f32_s8_half_away";
    public override ImmutableArray<string> Functions => [Function];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>tg_dequantize_s8_f32: int8 to a float graph output.</summary>
public sealed record DequantizeFloatCall(Operation Op, string Input, string Output, int Size, float Scale, int ZeroPoint) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ["tg_dequantize_s8_f32"];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}

public enum ConvertDirection
{
    UInt8ToInt8,
    Int8ToUInt8,
}

/// <summary>tg_convert_u8_s8 / tg_convert_s8_u8: the exact uint8/int8 switch (same scale, zero point ±128).</summary>
public sealed record ConvertCall(Operation Op, string Input, string Output, int Size, ConvertDirection Direction) : KernelCall(Op)
{
    public string Function => Direction == ConvertDirection.UInt8ToInt8 ? "tg_convert_u8_s8" : "tg_convert_s8_u8";
    public override ImmutableArray<string> Functions => [Function];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}

/// <summary>
/// tg_requantize_s8 (int8 → int8 in another scale/zero point). With ToUInt8 the result is produced
/// as int8 with OutputOffset = uint8 zero point - 128 and then turned into uint8 in place by
/// tg_convert_s8_u8 (both kernels are element-by-element, so in place is safe).
/// </summary>
public sealed record RequantizeCall(Operation Op, string Input, string Output, int Size, int InputOffset, QuantizedMultiplier Multiplier, int OutputOffset, bool ToUInt8)
    : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => ToUInt8 ? ["tg_requantize_s8", "tg_convert_s8_u8"] : ["tg_requantize_s8"];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}
