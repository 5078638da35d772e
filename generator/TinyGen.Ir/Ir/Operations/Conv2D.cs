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
    /// <summary>
    /// Depthwise when Groups &gt; 1. With one input channel Groups = 1 fits both kinds, and in NHWC
    /// only the weights tell them apart: [1, KH, KW, Cout] is depthwise (TFLite writes it so),
    /// [Cout, KH, KW, 1] regular; with Cout = 1 too they compute the same. The one rule for the
    /// passes, the reference and kernel choice.
    /// </summary>
    public bool IsDepthwise(Graph graph)
    {
        if (Groups > 1) return true;
        if (Layout != Layout.Nhwc) return false;
        var (input, weights) = (graph[Input], graph[Weights]);
        return input.Rank == 4 && input.Shape[3] == 1 && weights.Rank == 4 && weights.Shape[0] == 1 && weights.Shape[3] > 1;
    }

    public override Operation RenameTensors(Func<string, string> rename) =>
        this with { Input = rename(Input), Weights = rename(Weights), Bias = Bias is null ? null : rename(Bias), Output = rename(Output) };
}
