using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx;

/// <summary>
/// The state one import builds up: every ONNX value seen so far, the opsets, the producers of
/// values and the IR operations emitted. Mappers read operands and write operations through it.
/// </summary>
internal sealed class ImportContext
{
    private readonly Dictionary<string, TensorRecord> records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> opsets;
    private readonly Dictionary<string, OnnxNode> producers;
    private readonly Dictionary<string, int> declaredRanks;
    private readonly HashSet<string> takenNames;
    private readonly List<Operation> operations = [];
    private readonly HashSet<string> takenOpNames;

    private readonly HashSet<string> usedNames;

    /// <param name="usedNames">Every value some node reads or the graph outputs.</param>
    public ImportContext(Dictionary<string, long> opsets, IEnumerable<OnnxNode> nodes, Dictionary<string, int> declaredRanks, IEnumerable<string> allTensorNames, HashSet<string> usedNames)
    {
        this.usedNames = usedNames;
        this.opsets = opsets;
        this.declaredRanks = declaredRanks;
        producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        var nodeList = nodes.ToList();
        foreach (var node in nodeList)
            foreach (var output in node.RawOutputs.Where(o => o.Length > 0))
                producers[output] = node;
        takenNames = new HashSet<string>(allTensorNames, StringComparer.Ordinal);
        takenOpNames = new HashSet<string>(nodeList.Select(n => n.Name), StringComparer.Ordinal);
    }

    public IReadOnlyList<Operation> Operations => operations;

    public long Opset(OnnxNode node) => opsets.TryGetValue(node.Domain, out var v)
        ? v : throw node.Error($"the model imports no opset for domain '{node.Domain}'");

    public void AddInput(string name, int onnxType, ImmutableArray<int> shape) =>
        records.Add(name, new TensorRecord(name, TensorOrigin.GraphInput, onnxType) { Shape = shape });

    public void AddInitializer(TensorProto proto) =>
        records[proto.Name] = new TensorRecord(proto.Name, TensorOrigin.Initializer, OnnxDataTypes.AsStoredConstant(proto.DataType)) { PendingProto = proto };

    public void AddConstant(string name, DecodedTensor value) =>
        records[name] = new TensorRecord(name, TensorOrigin.ConstantNode, OnnxDataTypes.FromElementType(value.Type)) { Shape = value.Shape, Data = value.Data };

    public bool Exists(string name) => records.ContainsKey(name);

    public TensorRecord Record(string name) => records.TryGetValue(name, out var r)
        ? r : throw new InvalidOperationException($"internal: tensor '{name}' read before it is defined");

    public int OnnxType(string name) => Record(name).OnnxType;

    public bool IsConstant(string name) => Record(name).IsConstant;

    /// <summary>The shape when known (graph inputs, constants); default otherwise.</summary>
    public ImmutableArray<int> Shape(string name)
    {
        var r = Record(name);
        if (r.PendingProto is { } p) return TensorProtoDecoder.CheckedShape(p.Dims, $"initializer '{name}'");
        return r.Shape;
    }

    /// <summary>The rank from a known shape, else from the model's value_info, else null.</summary>
    public int? Rank(string name)
    {
        var shape = Shape(name);
        if (!shape.IsDefault) return shape.Length;
        return declaredRanks.TryGetValue(name, out var rank) ? rank : null;
    }

    public bool IsUsed(string name) => usedNames.Contains(name);

    public OnnxNode? Producer(string name) => producers.GetValueOrDefault(name);

    /// <summary>A constant operand's value; an error naming the node and input when it is not constant.</summary>
    public TensorData Constant(OnnxNode node, string name, string role)
    {
        var r = Record(name);
        if (!r.IsConstant)
            throw node.Error($"input '{name}' ({role}) must be a constant initializer");
        return Decoded(r);
    }

    public TensorData? ConstantOrNull(string name) => Record(name) is { IsConstant: true } r ? Decoded(r) : null;

    private static TensorData Decoded(TensorRecord r)
    {
        if (r.PendingProto is { } proto)
        {
            var decoded = TensorProtoDecoder.Decode(proto, $"initializer '{r.Name}'");
            r.Shape = decoded.Shape;
            r.Data = decoded.Data;
            r.OnnxType = OnnxDataTypes.FromElementType(decoded.Type);
            r.PendingProto = null;
        }
        return r.Data!;
    }

    /// <summary>Declares a node's output with the element type the node produces.</summary>
    public void DefineOutput(OnnxNode node, string name, int onnxType)
    {
        if (records.ContainsKey(name)) throw node.Error($"output '{name}' is defined twice");
        records.Add(name, new TensorRecord(name, TensorOrigin.NodeOutput, onnxType));
    }

    /// <summary>A new intermediate tensor the ONNX model did not have (e.g. transposed weights).</summary>
    public string NewTensor(string stem, int onnxType)
    {
        var name = stem;
        for (var i = 1; !takenNames.Add(name); i++) name = $"{stem}_{i}";
        records.Add(name, new TensorRecord(name, TensorOrigin.NodeOutput, onnxType));
        return name;
    }

    /// <summary>A new operation name that no ONNX node uses.</summary>
    public string NewOpName(string stem)
    {
        var name = stem;
        for (var i = 1; !takenOpNames.Add(name); i++) name = $"{stem}_{i}";
        return name;
    }

    /// <summary>
    /// Attaches <paramref name="quantization"/> to a tensor. Several nodes may state it (a
    /// Quantize and the Dequantize after it, or a tensor shared by QLinear ops); they must agree.
    /// </summary>
    public void Quantize(OnnxNode node, string tensor, Quantization quantization)
    {
        var r = Record(tensor);
        if (r.Quantization is { } existing && !existing.Equals(quantization))
            throw node.Error($"tensor '{tensor}' gets quantization ({quantization}) but {r.QuantizedBy} gave it ({existing}); a tensor can have only one");
        if (r.Quantization is null)
        {
            r.Quantization = quantization;
            r.QuantizedBy = node.Describe;
        }
    }

    public void Add(Operation operation) => operations.Add(operation);

    /// <summary>The IR tensors for every name the graph's edges and operations use.</summary>
    public IEnumerable<Tensor> BuildTensors(IEnumerable<string> used)
    {
        foreach (var name in used.Distinct(StringComparer.Ordinal))
        {
            var r = Record(name);
            if (r.IsConstant) Decoded(r);
            var what = r.Origin switch
            {
                TensorOrigin.GraphInput => $"graph input '{name}'",
                TensorOrigin.Initializer => $"initializer '{name}'",
                TensorOrigin.ConstantNode => $"constant '{name}'",
                _ => producers.TryGetValue(name, out var p) ? $"{p.Describe}: output '{name}'" : $"tensor '{name}'",
            };
            var type = OnnxDataTypes.RequireElementType(r.OnnxType, what);
            yield return new Tensor(name, type, r.Shape, r.Quantization, r.Data);
        }
    }
}
