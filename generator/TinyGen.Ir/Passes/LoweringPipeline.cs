using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// The passes, in order, that turn an imported graph (ONNX semantics, QDQ or QOperator, NCHW,
/// uint8 or int8) into a lowered one (see <see cref="LoweredGraph"/>). Each pass is one file and
/// testable alone; the order matters where noted.
/// </summary>
public static class LoweringPipeline
{
    public static IReadOnlyList<IGraphPass> Passes { get; } =
    [
        new RemoveIdentities(),
        new InferShapes(),
        new FoldConstants(),        // weights behind Transpose/Reshape become plain constants
        new FuseActivations(),      // float Relu after a float op, before QDQ folding sees the op
        new SinkDequantize(),       // layout ops and max pools go integer; Q(DQ(x)) cancels
        new FoldQdq(),              // DQ → op → Q becomes the integer op
        new RejectFloatCompute(),
        new PropagateQuantization(),
        new ConvertUInt8ToInt8(),
        new ConvertToNhwc(),
        new FoldPadding(),          // needs NHWC to tell spatial pads from channel pads
        new FuseActivations(),      // int8 clamps with equal quantization on both sides
        new CanonicalizeBinary(),
        new InsertRequantization(), // after uint8 conversion: compares int8 parameters only
        new SimplifyDataMovement(),
        new InferShapes(),          // re-checks every shape after the rewrites
        new RejectNonInt8Compute(), // a user error (int16/int32 activations) before the contract check calls it a bug
    ];

    public static Graph Run(Graph graph, Action<IGraphPass, Graph>? afterEachPass = null)
    {
        foreach (var pass in Passes)
        {
            graph = pass.Run(graph);
            afterEachPass?.Invoke(pass, graph);
        }
        LoweredGraph.Validate(graph);
        return graph;
    }
}
