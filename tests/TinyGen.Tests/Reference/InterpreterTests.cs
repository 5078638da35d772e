using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Reference;
using static TinyGen.Tests.Reference.ReferenceGraphs;

namespace TinyGen.Tests.Reference;

public sealed class InterpreterTests
{
    /// <summary>float x -> Quantize -> FullyConnected -> Dequantize -> float y, and a second output straight after the quantize.</summary>
    private static Graph Pipeline()
    {
        Tensor[] tensors =
        [
            Float("x", 1, 3),
            Int8("xq", [1, 3], 0.5f, 0),
            Int8Constant("w", [2, 3], Quantization.PerTensor(0.5f, 0), 1, 1, 1, 1, -1, 0),
            Int8("h", [1, 2], 0.25f, 0),
            Float("y", 1, 2),
        ];
        Operation[] ops =
        [
            new Quantize("quantize", "x", "xq"),
            new FullyConnected("fc", "xq", "w", null, "h", FusedActivation.None),
            new Dequantize("dequantize", "h", "y"),
        ];
        return new Graph("pipeline", tensors, ops, ["x"], ["y", "xq"]);
    }

    [Fact]
    public void RunsOpsInOrderAndReturnsOutputsInGraphOrder()
    {
        // x = [1, 2, 3.5] -> xq = [2, 4, 7]; fc with M = 1: h = [2+4+7, 2-4] = [13, -2]; y = 0.25 * h = [3.25, -0.5]
        var outputs = Interpreter.Run(Pipeline(), [TensorData.FromFloats([1f, 2f, 3.5f])]);
        Assert.Equal(2, outputs.Count);
        Assert.Equal([3.25f, -0.5f], outputs[0].ToFloats());
        Assert.Equal([2, 4, 7], outputs[1].ToInt8().Ints());
    }

    [Fact]
    public void TraceHoldsEveryIntermediate()
    {
        var trace = Interpreter.RunWithTrace(Pipeline(), [TensorData.FromFloats([1f, 2f, 3.5f])]);
        Assert.Equal(["h", "x", "xq", "y"], trace.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([13, -2], trace["h"].ToInt8().Ints());
    }

    [Fact]
    public void RejectsInputsOfTheWrongCountTypeOrLength()
    {
        var graph = Pipeline();
        Assert.Throws<TinyGenException>(() => Interpreter.Run(graph, []));
        Assert.Contains("'x'", Assert.Throws<TinyGenException>(() => Interpreter.Run(graph, [TensorData.FromInt8([1, 2, 3])])).Message);
        Assert.Contains("'x'", Assert.Throws<TinyGenException>(() => Interpreter.Run(graph, [TensorData.FromFloats([1f, 2f])])).Message);
    }

    [Fact]
    public void RejectsOpsThatALoweredGraphCannotHold()
    {
        var graph = OneOp(new Identity("id", "x", "y"), Int8("x", [1], 1f, 0), Int8("y", [1], 1f, 0));
        Assert.Contains("Identity 'id'", Assert.Throws<TinyGenException>(() => RunInt8(graph, [1])).Message);
    }
}
