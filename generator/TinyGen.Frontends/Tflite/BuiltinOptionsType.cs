namespace TinyGen.Frontends.Tflite;

/// <summary>The BuiltinOptions union's type tags (schema.fbs) of the operators TinyGen reads.</summary>
public static class BuiltinOptionsType
{
    public const byte None = 0, Conv2D = 1, DepthwiseConv2D = 2, Pool2D = 5, FullyConnected = 8, Softmax = 9, Concatenation = 10,
        Add = 11, Reshape = 17, Mul = 21, Pad = 22, Reducer = 27, Sub = 28, Dequantize = 38, PadV2 = 43, Quantize = 89, HardSwish = 91;
}
