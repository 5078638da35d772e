using Google.Protobuf;
using TinyGen.Frontends.Onnx;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;

namespace TinyGen.Tests.Conformance;

/// <summary>
/// One ONNX backend node test folder (model.onnx, test_data_set_0/input_N.pb, output_N.pb), prepared
/// for TinyGen. The node tests pass scales, zero points and weights as graph inputs, while TinyGen (like
/// any MCU compiler) needs them constant: every graph input after the first is turned into an
/// initializer holding the test's own input_N.pb value, so the model computes exactly what the test
/// specifies and only the first input (the activation) stays a runtime input.
/// </summary>
internal sealed record NodeTestModel(string Name, byte[] Model, string DataSet)
{
    /// <summary>input_0.pb, read on demand: for unsupported types (int4, ...) TinyGen's reader rightly refuses it.</summary>
    public TensorData Activation => OnnxTensorReader.Read(File.ReadAllBytes(Path.Combine(DataSet, "input_0.pb"))).Data;

    public (ElementType Type, TensorData Data) Expected
    {
        get
        {
            var expected = OnnxTensorReader.Read(File.ReadAllBytes(Path.Combine(DataSet, "output_0.pb")));
            return (expected.Type, expected.Data);
        }
    }

    public static NodeTestModel Load(string testDirectory)
    {
        var name = Path.GetFileName(testDirectory);
        var dataSet = Path.Combine(testDirectory, "test_data_set_0");
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(testDirectory, "model.onnx")));
        var graph = model.Graph;
        var initialized = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var runtimeInputs = graph.Input.Where(i => !initialized.Contains(i.Name)).ToList();

        for (var i = 1; i < runtimeInputs.Count; i++)
        {
            var value = TensorProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(dataSet, $"input_{i}.pb")));
            value.Name = runtimeInputs[i].Name;
            graph.Initializer.Add(value);
            graph.Input.Remove(runtimeInputs[i]);
        }

        return new NodeTestModel(name, model.ToByteArray(), dataSet);
    }
}
