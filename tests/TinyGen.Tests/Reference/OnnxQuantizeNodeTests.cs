using System.Collections.Immutable;
using TinyGen.Frontends.Onnx;
using TinyGen.Ir;
using TinyGen.Reference;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Reference;

/// <summary>
/// QuantizeLinear / DequantizeLinear of the ONNX node tests, run through the reference kernels and
/// compared exactly. Inputs 1 and 2 of those tests are the scale and zero point; per-axis tests use
/// ONNX's default axis 1 (their models set no axis attribute). Not covered, because TinyGen's
/// quantized types are int8/uint8 with per-tensor or per-axis scales: the int4, uint4, int16, uint16,
/// blocked and float8 variants.
/// </summary>
public sealed class OnnxQuantizeNodeTests
{
    private const int OnnxDefaultAxis = 1;

    [RequiresModelsTheory("onnx-node-tests/test_quantizelinear")]
    [InlineData("test_quantizelinear")]
    [InlineData("test_quantizelinear_axis")]
    public void QuantizeLinear(string test)
    {
        var (x, scale, zeroPoint, expected) = Load(test);
        Assert.Equal(ElementType.Float32, x.Type);
        var output = new Tensor("y", expected.Type, x.Shape, QuantizationOf(scale, zeroPoint));
        var graph = new Graph(test, [new Tensor("x", ElementType.Float32, x.Shape), output], [new Quantize("q", "x", "y")], ["x"], ["y"]);
        var actual = Interpreter.Run(graph, [x.Data]).Single();
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Data.Bytes.ToArray(), actual.Bytes.ToArray());
    }

    [RequiresModelsTheory("onnx-node-tests/test_dequantizelinear")]
    [InlineData("test_dequantizelinear")]
    [InlineData("test_dequantizelinear_axis")]
    public void DequantizeLinear(string test)
    {
        var (x, scale, zeroPoint, expected) = Load(test);
        Assert.Equal(ElementType.Float32, expected.Type);
        var input = new Tensor("x", x.Type, x.Shape, QuantizationOf(scale, zeroPoint));
        var graph = new Graph(test, [input, new Tensor("y", ElementType.Float32, x.Shape)], [new Dequantize("d", "x", "y")], ["x"], ["y"]);
        var actual = Interpreter.Run(graph, [x.Data]).Single();
        Assert.Equal(expected.Data.Bytes.ToArray(), actual.Bytes.ToArray()); // bit for bit
    }

    private static Quantization QuantizationOf(NodeTensor scale, NodeTensor zeroPoint) =>
        new(scale.Data.ToFloats().ToImmutableArray(), zeroPoint.Data.ToInt64s().Select(z => (int)z).ToImmutableArray(), OnnxDefaultAxis);

    private sealed record NodeTensor(ElementType Type, ImmutableArray<int> Shape, TensorData Data);

    private static (NodeTensor X, NodeTensor Scale, NodeTensor ZeroPoint, NodeTensor Expected) Load(string test)
    {
        var dir = TestPaths.ModelPath("onnx-node-tests", test, "test_data_set_0");
        NodeTensor Read(string file)
        {
            var (type, shape, data) = OnnxTensorReader.Read(File.ReadAllBytes(Path.Combine(dir, file)));
            return new NodeTensor(type, shape, data);
        }
        return (Read("input_0.pb"), Read("input_1.pb"), Read("input_2.pb"), Read("output_0.pb"));
    }
}
