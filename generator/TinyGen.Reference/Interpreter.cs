using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Reference.Kernels;

namespace TinyGen.Reference;

/// <summary>
/// The integer reference interpreter: runs a lowered graph (see TinyGen.Passes.LoweredGraph) with
/// the integer arithmetic of TFLite's reference int8 kernels and CMSIS-NN (default double
/// rounding). It is the oracle every firmware run is compared with, so it reads only the IR and
/// computes every integer itself.
/// </summary>
public sealed class Interpreter
{
    /// <summary>
    /// Runs <paramref name="lowered"/> on <paramref name="inputs"/> (in graph.Inputs order, each of
    /// that input's element type and element count) and returns the outputs in graph.Outputs order.
    /// </summary>
    public static IReadOnlyList<TensorData> Run(Graph lowered, IReadOnlyList<TensorData> inputs)
    {
        var trace = RunWithTrace(lowered, inputs);
        return lowered.Outputs.Select(name => trace[name]).ToList();
    }

    /// <summary>
    /// Like <see cref="Run"/>, but returns every non-constant tensor the run saw — the graph inputs
    /// and each operation's output — by name, so a mismatch with the firmware can be traced to the
    /// first layer that diverges.
    /// </summary>
    public static IReadOnlyDictionary<string, TensorData> RunWithTrace(Graph lowered, IReadOnlyList<TensorData> inputs)
    {
        var context = new KernelContext(lowered);
        BindInputs(lowered, inputs, context);
        foreach (var op in lowered.Operations)
        {
            TensorData output;
            try
            {
                output = Evaluate(op, context);
            }
            catch (ArgumentException e) // a scale the shared arithmetic cannot express (multiplier too large, softmax scale too small)
            {
                throw new TinyGenException($"{op}: {e.Message}", inner: e);
            }
            var outputTensor = lowered[op.Outputs.Single()];
            if (output.Type != outputTensor.Type || output.Length != outputTensor.ElementCount)
                throw new TinyGenException($"internal: reference {op} produced {output.Length} {output.Type.DisplayName()} elements " +
                                           $"for '{outputTensor.Name}' ({outputTensor.Type.DisplayName()} {outputTensor.ShapeText})");
            context.Set(outputTensor.Name, output);
        }
        foreach (var name in lowered.Outputs)
            if (!context.Has(name)) throw new TinyGenException($"graph '{lowered.Name}': output '{name}' is never produced");
        return context.Computed;
    }

    private static void BindInputs(Graph graph, IReadOnlyList<TensorData> inputs, KernelContext context)
    {
        if (inputs.Count != graph.Inputs.Length)
            throw new TinyGenException($"graph '{graph.Name}' has {graph.Inputs.Length} input(s) but {inputs.Count} were given");
        for (var i = 0; i < inputs.Count; i++)
        {
            var tensor = graph[graph.Inputs[i]];
            var data = inputs[i];
            if (data.Type != tensor.Type)
                throw new TinyGenException($"input '{tensor.Name}' is {tensor.Type.DisplayName()} but {data.Type.DisplayName()} data was given");
            if (data.Length != tensor.ElementCount)
                throw new TinyGenException($"input '{tensor.Name}' {tensor.ShapeText} has {tensor.ElementCount} elements but {data.Length} were given");
            context.Set(tensor.Name, data);
        }
    }

    private static TensorData Evaluate(Operation op, KernelContext context) => op switch
    {
        Conv2D conv when conv.IsDepthwise(context.Graph) => DepthwiseConvKernel.Evaluate(conv, context),
        Conv2D conv => ConvKernel.Evaluate(conv, context),
        FullyConnected fc => FullyConnectedKernel.Evaluate(fc, context),
        Binary { Op: BinaryKind.Add } add => AddKernel.Evaluate(add, context),
        Binary { Op: BinaryKind.Sub } sub => SubKernel.Evaluate(sub, context),
        Binary { Op: BinaryKind.Mul } mul => MulKernel.Evaluate(mul, context),
        Pool2D { Pool: PoolKind.Max } pool => MaxPoolKernel.Evaluate(pool, context),
        Pool2D { Pool: PoolKind.Average } pool => AveragePoolKernel.Evaluate(pool, context),
        Softmax softmax => SoftmaxKernel.Evaluate(softmax, context),
        Concat concat => ConcatKernel.Evaluate(concat, context),
        Transpose transpose => TransposeKernel.Evaluate(transpose, context),
        Reshape reshape => ReshapeKernel.Evaluate(reshape, context),
        Quantize quantize => QuantizeKernel.Evaluate(quantize, context),
        Dequantize dequantize => DequantizeKernel.Evaluate(dequantize, context),
        Activation activation => ClampKernel.Evaluate(activation, context),
        ElementwiseFunction { Function: UnaryFunction.Logistic } logistic => LogisticKernel.Evaluate(logistic, context),
        ElementwiseFunction { Function: UnaryFunction.HardSwish } hardSwish => HardSwishKernel.Evaluate(hardSwish, context),
        Mean mean => MeanKernel.Evaluate(mean, context),
        Pad pad => PadKernel.Evaluate(pad, context),
        _ => throw new TinyGenException($"the reference interpreter cannot run {op}: not part of a lowered graph"),
    };
}
