using System.Collections.Immutable;

namespace TinyGen.Ir;

/// <summary>
/// 2-D convolution, regular (Groups = 1) or depthwise (Groups = input channels).
/// Weights: Nchw layout → [Cout, Cin/Groups, KH, KW] (ONNX OIHW);
/// Nhwc layout → [Cout, KH, KW, Cin] when Groups = 1, [1, KH, KW, Cout] when depthwise (TFLite's).
/// Bias: [Cout] (int32 once quantized).
/// </summary>
public sealed record Conv2D(string Name, string Input, string Weights, string? Bias, string Output, Window2D Window, int Groups, FusedActivation Activation, Layout Layout)
    : Operation(Name)
{
    public override string Kind => Groups == 1 ? "Conv2D" : "DepthwiseConv2D";
    public override ImmutableArray<string> Inputs => Bias is null ? [Input, Weights] : [Input, Weights, Bias];
    public override ImmutableArray<string> Outputs => [Output];
    public override Operation RenameTensors(Func<string, string> rename) =>
        this with { Input = rename(Input), Weights = rename(Weights), Bias = Bias is null ? null : rename(Bias), Output = rename(Output) };
}
