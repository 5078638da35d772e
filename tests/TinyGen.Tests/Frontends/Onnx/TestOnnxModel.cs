using System.Runtime.InteropServices;
using Google.Protobuf;
using TinyGen.Frontends.Onnx;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;
using AttributeType = TinyGen.Frontends.Onnx.Proto.AttributeProto.Types.AttributeType;
using DataType = TinyGen.Frontends.Onnx.Proto.TensorProto.Types.DataType;

namespace TinyGen.Tests.Frontends.Onnx;

/// <summary>Builds small ONNX models for the importer tests straight from the protobuf classes.</summary>
internal sealed class TestOnnxModel
{
    public const int Float = (int)DataType.Float;
    public const int Int8 = (int)DataType.Int8;
    public const int UInt8 = (int)DataType.Uint8;
    public const int I32 = (int)DataType.Int32;
    public const int I64 = (int)DataType.Int64;

    public TestOnnxModel(long opset = 13, long microsoftOpset = 0)
    {
        Model = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "test" } };
        Model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        if (microsoftOpset > 0) Model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = microsoftOpset });
    }

    public ModelProto Model { get; }
    public GraphProto Graph => Model.Graph;

    /// <summary>A graph input; a string dim is symbolic (dim_param), a long is a fixed size.</summary>
    public TestOnnxModel Input(string name, int elemType, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string p ? new TensorShapeProto.Types.Dimension { DimParam = p } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d) });
        Graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elemType, Shape = shape } } });
        return this;
    }

    public TestOnnxModel Output(string name)
    {
        Graph.Output.Add(new ValueInfoProto { Name = name });
        return this;
    }

    public TestOnnxModel Initializer(TensorProto tensor)
    {
        Graph.Initializer.Add(tensor);
        return this;
    }

    public TestOnnxModel Floats(string name, long[] dims, params float[] values) => Initializer(Raw(name, Float, dims, MemoryMarshal.AsBytes<float>(values).ToArray()));
    public TestOnnxModel Int8s(string name, long[] dims, params sbyte[] values) => Initializer(Raw(name, Int8, dims, MemoryMarshal.AsBytes<sbyte>(values).ToArray()));
    public TestOnnxModel UInt8s(string name, long[] dims, params byte[] values) => Initializer(Raw(name, UInt8, dims, values));
    public TestOnnxModel Int32s(string name, long[] dims, params int[] values) => Initializer(Raw(name, I32, dims, MemoryMarshal.AsBytes<int>(values).ToArray()));
    public TestOnnxModel Int64s(string name, long[] dims, params long[] values) => Initializer(Raw(name, I64, dims, MemoryMarshal.AsBytes<long>(values).ToArray()));

    /// <summary>A per-tensor scalar scale and zero point: initializers '{stem}_scale' and '{stem}_zp'.</summary>
    public TestOnnxModel ScaleZp(string stem, float scale, sbyte zeroPoint) =>
        Floats($"{stem}_scale", [], scale).Int8s($"{stem}_zp", [], zeroPoint);

    public static TensorProto Raw(string name, int type, long[] dims, byte[] bytes)
    {
        var t = new TensorProto { Name = name, DataType = type, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims);
        return t;
    }

    public NodeProto Node(string opType, string[] inputs, string[] outputs, string? name = null, string domain = "", params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name ?? "", Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return node;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };
    public static AttributeProto Flt(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };
    public static AttributeProto Str(string name, string value) => new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public byte[] Bytes() => Model.ToByteArray();

    public Graph Import() => OnnxImporter.Import(Bytes(), "test");

    public string ImportError() => Assert.Throws<TinyGen.Diagnostics.TinyGenException>(() => Import()).Message;
}
