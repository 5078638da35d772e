namespace TinyGen.Frontends.Tflite.Building;

/// <summary>The builtin_options tables of the operators TinyGen reads, with schema.fbs's field ids.</summary>
public static class TfliteOptionTables
{
    public const byte Same = 0, Valid = 1;
    public const byte NoActivation = 0, Relu = 1, ReluN1To1 = 2, Relu6 = 3, Tanh = 4;

    public static FlatTableBuilder Conv2D(byte padding, int strideH, int strideW, byte activation = NoActivation, int dilationH = 1, int dilationW = 1) =>
        new FlatTableBuilder().UInt8(0, padding).Int32(1, strideW).Int32(2, strideH).UInt8(3, activation).Int32(4, dilationW).Int32(5, dilationH);

    public static FlatTableBuilder DepthwiseConv2D(byte padding, int strideH, int strideW, int multiplier, byte activation = NoActivation, int dilationH = 1, int dilationW = 1) =>
        new FlatTableBuilder().UInt8(0, padding).Int32(1, strideW).Int32(2, strideH).Int32(3, multiplier).UInt8(4, activation).Int32(5, dilationW).Int32(6, dilationH);

    public static FlatTableBuilder Pool2D(byte padding, int filterH, int filterW, int strideH, int strideW, byte activation = NoActivation) =>
        new FlatTableBuilder().UInt8(0, padding).Int32(1, strideW).Int32(2, strideH).Int32(3, filterW).Int32(4, filterH).UInt8(5, activation);

    public static FlatTableBuilder FullyConnected(byte activation = NoActivation, bool keepNumDims = false) =>
        new FlatTableBuilder().UInt8(0, activation).Bool(2, keepNumDims);

    public static FlatTableBuilder Softmax(float beta) => new FlatTableBuilder().Float(0, beta);

    public static FlatTableBuilder Concatenation(int axis, byte activation = NoActivation) => new FlatTableBuilder().Int32(0, axis).UInt8(1, activation);

    /// <summary>AddOptions, SubOptions and MulOptions: the fused activation is field 0 in each.</summary>
    public static FlatTableBuilder ElementwiseArithmetic(byte activation = NoActivation) => new FlatTableBuilder().UInt8(0, activation);

    public static FlatTableBuilder Reducer(bool keepDims) => new FlatTableBuilder().Bool(0, keepDims);

    public static FlatTableBuilder Empty() => new();
}
