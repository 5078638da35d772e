using TinyGen.Ir;

namespace TinyGen.Bench.MlperfTiny;

/// <summary>The layer kinds issue 7 reports instructions per MAC for, each with its own kernels.</summary>
public static class LayerKind
{
    public const string Pointwise = "pointwise conv";
    public const string Depthwise = "depthwise conv";
    public const string OtherConv = "other conv";
    public const string FullyConnected = "fully connected";
    public const string Pool = "pool";
    public const string Elementwise = "elementwise";
    public const string Other = "other";

    /// <summary>In report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Pointwise, Depthwise, OtherConv, FullyConnected, Pool, Elementwise, Other];

    public static string Of(Graph graph, Operation op) => op switch
    {
        Conv2D conv when conv.IsDepthwise(graph) => Depthwise,
        Conv2D { Window: { KernelH: 1, KernelW: 1 } } => Pointwise,
        Conv2D => OtherConv,
        Ir.FullyConnected => FullyConnected,
        Pool2D or Mean => Pool,
        Binary or Activation or ElementwiseFunction => Elementwise,
        _ => Other,
    };
}
