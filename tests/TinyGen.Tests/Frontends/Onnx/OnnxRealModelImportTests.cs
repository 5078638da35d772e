using TinyGen.Tests.Support;
using TinyGen.Frontends.Onnx;
using TinyGen.Ir;

namespace TinyGen.Tests.Frontends.Onnx;

/// <summary>
/// Imports the shared real models. Every expected count and value below was read from the files
/// independently (protoc --decode=tinygen.onnx.ModelProto and a separate decoder of the text dump).
/// </summary>
public sealed class OnnxRealModelImportTests
{
    private static Dictionary<string, int> Kinds(Graph g) =>
        g.Operations.GroupBy(o => o.Kind).ToDictionary(x => x.Key, x => x.Count());

    private static void AssertInvariants(Graph g)
    {
        // Raw-graph guarantees: graph inputs and constants have shapes, every op input exists and
        // is produced before it is read.
        var available = new HashSet<string>(g.Inputs);
        foreach (var t in g.Tensors.Values.Where(t => t.IsConstant))
        {
            Assert.True(t.HasShape, $"constant {t.Name} has no shape");
            Assert.Equal(t.ElementCount * t.Type.SizeInBytes(), t.Data!.Bytes.Length);
            available.Add(t.Name);
        }
        foreach (var input in g.Inputs) Assert.True(g[input].HasShape);
        foreach (var op in g.Operations)
        {
            foreach (var i in op.Inputs) Assert.True(available.Contains(i), $"{op} reads {i} before it exists");
            foreach (var o in op.Outputs) available.Add(o);
        }
        Assert.Equal(g.Operations.Length, g.Operations.Select(o => o.Name).Distinct().Count());
        foreach (var c in g.Operations.OfType<Conv2D>()) Assert.Equal(Layout.Nchw, c.Layout);
    }

    [RequiresModelsFact]
    public void MicroKwsQdq()
    {
        var g = OnnxImporter.Import(TestPaths.ModelPath("micro-kws/micro_kws_m_static_qdq.onnx"));
        AssertInvariants(g);
        Assert.Equal("micro_kws_m_static_qdq", g.Name);
        var kinds = Kinds(g);
        Assert.Equal(3, kinds["Conv2D"]);
        Assert.Equal(1, kinds["MaxPool"]);
        Assert.Equal(2, kinds["AveragePool"]);
        Assert.Equal(3, kinds["FullyConnected"]);
        Assert.Equal(4, kinds["Transpose"]); // 1 in the model + 1 per MatMul weight
        Assert.Equal(3, kinds["Add"]);
        Assert.Equal(28, kinds["Dequantize"]);
        Assert.Equal(16, kinds["Quantize"]);
        Assert.Equal(2, kinds["Reshape"]);
        Assert.Equal(1, kinds["Softmax"]);
        Assert.Equal(63, g.Operations.Length);

        // The batch dimension is symbolic ("unk__68") in the file.
        var input = Assert.Single(g.Inputs);
        Assert.Equal("serving_default_input:0", input);
        Assert.Equal([1, 1960], g[input].Shape.ToArray());
        Assert.Equal(ElementType.Float32, g[input].Type);
        Assert.Equal(ElementType.Float32, g[Assert.Single(g.Outputs)].Type);

        var conv = g.Operations.OfType<Conv2D>().First();
        Assert.Equal((8, 8, 1, 1), (conv.Window.KernelH, conv.Window.KernelW, conv.Window.StrideH, conv.Window.StrideW));
        Assert.Equal(new Padding2D(3, 3, 4, 4), conv.Window.Padding);
        Assert.Equal(1, conv.Groups);
        Assert.Equal("const_fold_opt__63_DequantizeLinear_Output", conv.Weights);

        // The weight initializer behind that DequantizeLinear; its scale is stored in float_data.
        var w = g["const_fold_opt__63_quantized"];
        Assert.Equal(ElementType.Int8, w.Type);
        Assert.Equal([16, 1, 8, 8], w.Shape.ToArray());
        Assert.Equal(new sbyte[] { -20, -10, 3, -5, -43, -11 }, w.Data!.ToInt8()[..6]);
        Assert.Equal(Quantization.PerTensor(0.00450217f, 0), w.Quantization);

        Assert.Equal(-1, g.Operations.OfType<Softmax>().Single().Axis);
        foreach (var fc in g.Operations.OfType<FullyConnected>())
        {
            var t = Assert.IsType<Transpose>(g.Producer(fc.Weights));
            Assert.Equal([1, 0], t.Perm.ToArray());
            Assert.IsType<Dequantize>(g.Producer(t.Input));
        }
    }

    [RequiresModelsFact]
    public void MicroKwsQOperator()
    {
        var g = OnnxImporter.Import(TestPaths.ModelPath("micro-kws/micro_kws_m_static_qoperator.onnx"));
        AssertInvariants(g);
        var kinds = Kinds(g);
        Assert.Equal(3, kinds["Conv2D"]);
        Assert.Equal(1, kinds["MaxPool"]);
        Assert.Equal(2, kinds["AveragePool"]);
        Assert.Equal(3, kinds["FullyConnected"]);
        Assert.Equal(4, kinds["Transpose"]);
        Assert.Equal(3, kinds["Add"]);
        Assert.Equal(1, kinds["Softmax"]);
        Assert.Equal(2, kinds["Quantize"]);
        Assert.Equal(2, kinds["Dequantize"]);
        Assert.Equal(2, kinds["Reshape"]);
        Assert.Equal(23, g.Operations.Length);
        Assert.Equal([1, 1960], g[g.Inputs.Single()].Shape.ToArray());

        var conv = g.Operations.OfType<Conv2D>().First();
        Assert.Equal(Quantization.PerTensor(0.0391697139f, -1), g[conv.Input].Quantization);
        Assert.Equal("const_fold_opt__60_quantized", conv.Weights);
        Assert.Equal(Quantization.PerTensor(0.00450217f, 0), g[conv.Weights].Quantization);
        Assert.Equal([16, 1, 8, 8], g[conv.Weights].Shape.ToArray());
        var y = g[conv.Output];
        Assert.Equal(ElementType.Int8, y.Type);
        Assert.Equal(Quantization.PerTensor(0.0483091027f, -128), y.Quantization);
        Assert.Equal(new Padding2D(3, 3, 4, 4), conv.Window.Padding);
        // QLinearConv's bias is int32 at scale x_scale * w_scale.
        Assert.Equal(ElementType.Int32, g[conv.Bias!].Type);
        Assert.Equal(0.0391697139f * 0.00450217f, g[conv.Bias!].Quantization!.Scale);

        Assert.All(g.Operations.OfType<Pool2D>(), p => Assert.Equal(Layout.Nchw, p.Layout));
        var maxPool = g.Operations.OfType<Pool2D>().Single(p => p.Pool == PoolKind.Max);
        Assert.Equal(ElementType.Int8, g[maxPool.Output].Type); // a plain MaxPool on int8 keeps its input's type
        Assert.All(g.Operations.OfType<Binary>(), b => Assert.NotNull(g[b.B].Quantization));
    }

    [RequiresModelsFact]
    public void MlperfKwsQdq()
    {
        var g = OnnxImporter.Import(TestPaths.ModelPath("mlperf-tiny/kws/kws_ref_model_qdq.onnx"));
        AssertInvariants(g);
        var kinds = Kinds(g);
        Assert.Equal(5, kinds["Conv2D"]);
        Assert.Equal(4, kinds["DepthwiseConv2D"]);
        Assert.Equal(9, g.Operations.OfType<Conv2D>().Count());
        Assert.Equal(9, kinds["Relu"]);
        Assert.Equal(1, kinds["AveragePool"]);
        Assert.Equal(1, kinds["FullyConnected"]);
        Assert.Equal(1, kinds["Transpose"]);
        Assert.Equal(32, kinds["Dequantize"]);
        Assert.Equal(12, kinds["Quantize"]);
        Assert.Equal(2, kinds["Reshape"]);
        Assert.Equal(1, kinds["Softmax"]);
        Assert.Equal(68, g.Operations.Length);

        Assert.Equal("input_1", g.Inputs.Single());
        Assert.Equal([1, 49, 10, 1], g["input_1"].Shape.ToArray());
        Assert.Equal(ElementType.Int8, g["input_1"].Type);
        var output = g["Identity"];
        Assert.Equal(ElementType.Int8, output.Type);
        Assert.Equal(Quantization.PerTensor(0.00390625f, -128), output.Quantization);

        var first = g.Operations.OfType<Conv2D>().First();
        Assert.Equal((10, 4, 2, 2), (first.Window.KernelH, first.Window.KernelW, first.Window.StrideH, first.Window.StrideW));
        Assert.Equal(new Padding2D(4, 1, 5, 1), first.Window.Padding);
        Assert.All(g.Operations.OfType<Conv2D>().Where(c => c.Groups != 1), c => Assert.Equal(64, c.Groups));

        var w = g["functional_1/conv2d/Conv2D"];
        Assert.Equal([64, 1, 10, 4], w.Shape.ToArray());
        var wq = w.Quantization!;
        Assert.True(wq.IsPerChannel);
        Assert.Equal(0, wq.Axis);
        Assert.Equal(64, wq.Scales.Length);
        Assert.Equal(0.00133184495f, wq.Scales[0]);
        Assert.All(wq.ZeroPoints, z => Assert.Equal(0, z));

        var reshape = g.Operations.OfType<Reshape>().First();
        Assert.Equal("input_1", reshape.Input);
        Assert.Equal(new long[] { -1, 1, 49, 10 }, Assert.IsType<ReshapeRule.Explicit>(reshape.Rule).Shape.ToArray());
        Assert.Equal(Quantization.PerTensor(0.584702909f, 83), g[reshape.Output].Quantization);

        var fc = g.Operations.OfType<FullyConnected>().Single();
        var transpose = Assert.IsType<Transpose>(g.Producer(fc.Weights));
        Assert.Equal("functional_1/dense/MatMul_dequant", transpose.Input);
        Assert.Equal(Quantization.PerTensor(0.00838575512f, 0), g["functional_1/dense/MatMul"].Quantization);
        Assert.NotNull(fc.Bias);
    }

    [RequiresModelsFact]
    public void MlperfAnomalyDetection()
    {
        var g = OnnxImporter.Import(TestPaths.ModelPath("mlperf-tiny/ad/ad01_int8.onnx"));
        AssertInvariants(g);
        var kinds = Kinds(g);
        Assert.Equal(10, kinds["FullyConnected"]);
        Assert.Equal(10, kinds["Transpose"]);
        Assert.Equal(9, kinds["Relu"]);
        Assert.Equal(30, kinds["Dequantize"]);
        Assert.Equal(10, kinds["Quantize"]);
        Assert.Equal(69, g.Operations.Length);

        var input = g["input_1"];
        Assert.Equal([1, 640], input.Shape.ToArray());
        Assert.Equal(ElementType.Int8, input.Type);
        Assert.Equal(Quantization.PerTensor(0.391015232f, 89), input.Quantization);
        Assert.Equal(ElementType.Int8, g["Identity"].Type);

        var w = g["functional_1/dense_9/MatMul"];
        Assert.Equal([128, 640], w.Shape.ToArray());
        Assert.Equal(new sbyte[] { -17, -38, -19, -32, -51, -55 }, w.Data!.ToInt8()[..6]);
    }
}
