using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Reference;

namespace TinyGen.Tests.Reference;

/// <summary>Builds small lowered graphs straight from IR records, and runs them through the reference.</summary>
internal static class ReferenceGraphs
{
    public static Tensor Int8(string name, int[] shape, float scale, int zeroPoint) =>
        new(name, ElementType.Int8, [.. shape], Quantization.PerTensor(scale, zeroPoint));

    public static Tensor Float(string name, params int[] shape) => new(name, ElementType.Float32, [.. shape]);

    public static Tensor Int8Constant(string name, int[] shape, Quantization quantization, params int[] values) =>
        new(name, ElementType.Int8, [.. shape], quantization, TensorData.FromInt8(values.Select(v => checked((sbyte)v)).ToArray()));

    public static Tensor Int32Constant(string name, params int[] values) =>
        new(name, ElementType.Int32, [values.Length], Quantization.PerTensor(1f, 0), TensorData.FromInt32(values));

    public static Quantization PerChannel(int axis, float[] scales, int[] zeroPoints) =>
        new([.. scales], [.. zeroPoints], axis);

    /// <summary>A graph of one op: its non-constant inputs are the graph inputs (in the op's order), its outputs the graph outputs.</summary>
    public static Graph OneOp(Operation op, params Tensor[] tensors)
    {
        var byName = tensors.ToDictionary(t => t.Name);
        var inputs = op.Inputs.Where(name => !byName[name].IsConstant).Distinct().ToList();
        return new Graph("test", tensors, [op], inputs, op.Outputs);
    }

    public static sbyte[] RunInt8(Graph graph, params int[][] inputs) =>
        Interpreter.Run(graph, inputs.Select(v => TensorData.FromInt8(v.Select(x => checked((sbyte)x)).ToArray())).ToList())
            .Single().ToInt8();

    public static int[] Ints(this sbyte[] values) => values.Select(v => (int)v).ToArray();

    /// <summary>Kernel 1-3, stride and dilation 1-2, padding 0-2 per side; dilation dropped when the window would not fit.</summary>
    public static Window2D RandomWindow(Random random, int h, int w)
    {
        var window = new Window2D(random.Next(1, 4), random.Next(1, 4), random.Next(1, 3), random.Next(1, 3), random.Next(1, 3), random.Next(1, 3),
            new Padding2D(random.Next(0, 3), random.Next(0, 3), random.Next(0, 3), random.Next(0, 3)));
        return window.OutputHeight(h) < 1 || window.OutputWidth(w) < 1 ? window with { DilationH = 1, DilationW = 1 } : window;
    }

    public static int[] RandomInt8(Random random, int count) => Enumerable.Range(0, count).Select(_ => random.Next(-128, 128)).ToArray();

    public static ImmutableArray<int> Shape(params int[] dims) => [.. dims];
}
