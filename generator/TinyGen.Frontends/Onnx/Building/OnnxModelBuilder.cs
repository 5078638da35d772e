using Google.Protobuf;
using TinyGen.Frontends.Onnx.Proto;

namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// Assembles an ONNX model in code, so tests, the CLI's examples and benchmarks need no model files.
/// <code>
/// var b = new OnnxModelBuilder();
/// b.AddInput("x", OnnxElementType.Float, 1, 4);
/// b.AddInitializer("w", OnnxTensorValue.Float(new float[8], 4, 2));
/// b.AddNode("MatMul", ["x", "w"], ["y"]);
/// b.AddOutput("y", OnnxElementType.Float, 1, 2);
/// byte[] model = b.Build();
/// </code>
/// Everything is written in call order and nothing depends on hashing or the clock, so the same calls
/// give the same bytes. Build() checks the graph is well formed (every node input defined before use,
/// every graph output produced) because a malformed synthetic model would make importer tests
/// fail for the wrong reason.
/// </summary>
public sealed class OnnxModelBuilder
{
    public const string ProducerName = "tinygen-builder";
    public const string MicrosoftDomain = "com.microsoft";
    public const long DefaultOnnxOpset = 13;
    public const long DefaultMicrosoftOpset = 1;

    // IR version 7 is the one released with opset 13; onnxruntime and every reader accept it.
    private const long IrVersion = 7;

    private readonly string _graphName;
    private readonly OnnxTensorEncoding _encoding;
    private readonly List<ValueInfoProto> _inputs = [];
    private readonly List<ValueInfoProto> _outputs = [];
    private readonly List<TensorProto> _initializers = [];
    private readonly List<NodeProto> _nodes = [];
    private readonly List<(string Domain, long Version)> _opsets = [];
    private readonly HashSet<string> _definedNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);

    public OnnxModelBuilder(string graphName = "tinygen_graph", OnnxTensorEncoding encoding = OnnxTensorEncoding.RawData)
    {
        _graphName = graphName;
        _encoding = encoding;
    }

    public OnnxModelBuilder AddInput(string name, OnnxElementType elementType, params long[] shape)
    {
        Define(name, "graph input");
        _inputs.Add(ValueInfo(name, elementType, shape));
        return this;
    }

    public OnnxModelBuilder AddOutput(string name, OnnxElementType elementType, params long[] shape)
    {
        if (_outputs.Any(o => o.Name == name))
        {
            throw new ArgumentException($"Graph output '{name}' is declared twice.", nameof(name));
        }
        _outputs.Add(ValueInfo(name, elementType, shape));
        return this;
    }

    public OnnxModelBuilder AddInitializer(string name, OnnxTensorValue value)
    {
        Define(name, "initializer");
        _initializers.Add(ToTensorProto(name, value, _encoding));
        return this;
    }

    public OnnxModelBuilder AddInitializer(string name, float[] data, params long[] dims) =>
        AddInitializer(name, OnnxTensorValue.Float(data, dims));

    public OnnxModelBuilder AddInitializer(string name, sbyte[] data, params long[] dims) =>
        AddInitializer(name, OnnxTensorValue.Int8(data, dims));

    public OnnxModelBuilder AddInitializer(string name, byte[] data, params long[] dims) =>
        AddInitializer(name, OnnxTensorValue.UInt8(data, dims));

    public OnnxModelBuilder AddInitializer(string name, int[] data, params long[] dims) =>
        AddInitializer(name, OnnxTensorValue.Int32(data, dims));

    public OnnxModelBuilder AddInitializer(string name, long[] data, params long[] dims) =>
        AddInitializer(name, OnnxTensorValue.Int64(data, dims));

    /// <summary>
    /// Appends a node. Nodes must be added in an order where each input is already defined (graph input,
    /// initializer or an earlier node's output); an empty input name marks an omitted optional input.
    /// The node name defaults to "{opType}_{index}".
    /// </summary>
    public OnnxModelBuilder AddNode(
        string opType,
        IReadOnlyList<string> inputs,
        IReadOnlyList<string> outputs,
        IReadOnlyList<OnnxAttribute>? attributes = null,
        string domain = "",
        string? name = null)
    {
        string nodeName = name ?? $"{opType}_{_nodes.Count}";
        if (!_nodeNames.Add(nodeName))
        {
            throw new ArgumentException($"Node name '{nodeName}' is used twice.", nameof(name));
        }
        foreach (string input in inputs)
        {
            if (input.Length > 0 && !_definedNames.Contains(input))
            {
                throw new ArgumentException($"Node '{nodeName}' ({opType}) reads '{input}', which is not defined yet.", nameof(inputs));
            }
        }
        foreach (string output in outputs)
        {
            Define(output, $"output of node '{nodeName}'");
        }

        var node = new NodeProto { OpType = opType, Domain = domain, Name = nodeName };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        foreach (OnnxAttribute attribute in attributes ?? [])
        {
            node.Attribute.Add(ToAttributeProto(attribute, _encoding));
        }
        _nodes.Add(node);
        return this;
    }

    /// <summary>
    /// Sets the opset version of a domain ("" is ai.onnx). Without a call, ai.onnx 13 is imported, and
    /// com.microsoft 1 as soon as a node uses that domain.
    /// </summary>
    public OnnxModelBuilder ImportOpset(string domain, long version)
    {
        _opsets.RemoveAll(o => o.Domain == domain);
        _opsets.Add((domain, version));
        return this;
    }

    public byte[] Build()
    {
        foreach (ValueInfoProto output in _outputs)
        {
            if (!_definedNames.Contains(output.Name))
            {
                throw new InvalidOperationException($"Graph output '{output.Name}' is produced by no node, input or initializer.");
            }
        }

        var graph = new GraphProto { Name = _graphName };
        graph.Node.AddRange(_nodes);
        graph.Initializer.AddRange(_initializers);
        graph.Input.AddRange(_inputs);
        graph.Output.AddRange(_outputs);

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            Graph = graph,
        };
        foreach ((string domain, long version) in OpsetImports())
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        }
        return model.ToByteArray();
    }

    private IEnumerable<(string Domain, long Version)> OpsetImports()
    {
        var result = new List<(string, long)>();
        long Version(string domain, long fallback) =>
            _opsets.Where(o => o.Domain == domain).Select(o => o.Version).DefaultIfEmpty(fallback).First();

        result.Add(("", Version("", DefaultOnnxOpset)));
        if (_nodes.Any(n => n.Domain == MicrosoftDomain) || _opsets.Any(o => o.Domain == MicrosoftDomain))
        {
            result.Add((MicrosoftDomain, Version(MicrosoftDomain, DefaultMicrosoftOpset)));
        }
        // Any other explicitly imported domain, in the order it was imported.
        result.AddRange(_opsets.Where(o => o.Domain != "" && o.Domain != MicrosoftDomain));
        return result;
    }

    private void Define(string name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"A {what} needs a non-empty name.", nameof(name));
        }
        if (!_definedNames.Add(name))
        {
            throw new ArgumentException($"'{name}' ({what}) is already defined; ONNX names are single-assignment.", nameof(name));
        }
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType elementType, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (long d in shape)
        {
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = tensorShape },
            },
        };
    }

    private static AttributeProto ToAttributeProto(OnnxAttribute attribute, OnnxTensorEncoding encoding)
    {
        var proto = new AttributeProto { Name = attribute.Name };
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Int:
                proto.Type = AttributeProto.Types.AttributeType.Int;
                proto.I = attribute.IntValue;
                break;
            case OnnxAttributeKind.Ints:
                proto.Type = AttributeProto.Types.AttributeType.Ints;
                proto.Ints.AddRange(attribute.IntsValue);
                break;
            case OnnxAttributeKind.Float:
                proto.Type = AttributeProto.Types.AttributeType.Float;
                proto.F = attribute.FloatValue;
                break;
            case OnnxAttributeKind.Floats:
                proto.Type = AttributeProto.Types.AttributeType.Floats;
                proto.Floats.AddRange(attribute.FloatsValue);
                break;
            case OnnxAttributeKind.String:
                proto.Type = AttributeProto.Types.AttributeType.String;
                proto.S = ByteString.CopyFromUtf8(attribute.StringValue);
                break;
            case OnnxAttributeKind.Tensor:
                proto.Type = AttributeProto.Types.AttributeType.Tensor;
                proto.T = ToTensorProto("", attribute.TensorValue!, encoding);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(attribute), attribute.Kind, "Unknown attribute kind.");
        }
        return proto;
    }

    private static TensorProto ToTensorProto(string name, OnnxTensorValue value, OnnxTensorEncoding encoding)
    {
        var proto = new TensorProto { Name = name, DataType = (int)value.ElementType };
        proto.Dims.AddRange(value.Dims);
        if (encoding == OnnxTensorEncoding.RawData)
        {
            proto.RawData = ByteString.CopyFrom(value.ToLittleEndianBytes());
            return proto;
        }

        // The typed fields ONNX prescribes per type: int8/uint8/int32 all travel in int32_data.
        switch (value.ElementType)
        {
            case OnnxElementType.Float:
                proto.FloatData.AddRange(value.ToArray<float>());
                break;
            case OnnxElementType.Int8:
                proto.Int32Data.AddRange(value.ToArray<sbyte>().Select(v => (int)v));
                break;
            case OnnxElementType.UInt8:
                proto.Int32Data.AddRange(value.ToArray<byte>().Select(v => (int)v));
                break;
            case OnnxElementType.Int32:
                proto.Int32Data.AddRange(value.ToArray<int>());
                break;
            case OnnxElementType.Int64:
                proto.Int64Data.AddRange(value.ToArray<long>());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.ElementType, "Unknown element type.");
        }
        return proto;
    }
}
