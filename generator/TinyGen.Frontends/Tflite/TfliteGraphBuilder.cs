using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Frontends.Tflite;

/// <summary>
/// Turns the first subgraph of a <see cref="TfliteModel"/> into an IR graph: gives every tensor a
/// unique non-empty IR name (file names are kept as given where they are usable), makes IR
/// tensors with their constant data and quantization, checks that operators come in execution
/// order, and hands each operator to <see cref="TfliteOperatorMapper"/>.
/// </summary>
internal sealed class TfliteGraphBuilder
{
    private readonly TfliteModel model;
    private readonly TfliteSubGraph subGraph;
    private readonly string graphName;
    private readonly string file;
    private readonly string[] names;
    private readonly HashSet<string> takenNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tensor> tensors = new(StringComparer.Ordinal);
    private readonly List<Operation> operations = [];
    private readonly HashSet<int> available = [];

    public TfliteGraphBuilder(TfliteModel model, string graphName, string file)
    {
        this.model = model;
        subGraph = model.SubGraph;
        this.graphName = graphName;
        this.file = file;
        names = UniqueNames(subGraph.Tensors);
    }

    public Graph Build()
    {
        if (subGraph.Inputs.Length == 0) throw Error("the subgraph has no inputs");
        if (subGraph.Outputs.Length == 0) throw Error("the subgraph has no outputs");
        foreach (var input in subGraph.Inputs)
        {
            var t = subGraph.Tensors[input];
            if (!available.Add(input)) throw Error($"graph input '{t.Name}' is listed twice");
            if (!model.BufferData(t.Buffer, What(t)).IsEmpty) throw Error($"graph input '{t.Name}' is a constant");
            Use(input, "graph input");
        }
        foreach (var op in subGraph.Operators)
        {
            foreach (var input in op.Inputs.Where(i => i >= 0))
                if (!available.Contains(input) && !IsConstant(input))
                    throw Error($"{op} reads tensor '{subGraph.Tensors[input].Name}' before any operator writes it (operators must be in execution order)");
            foreach (var output in op.Outputs)
            {
                if (IsConstant(output)) throw Error($"{op} writes tensor '{subGraph.Tensors[output].Name}', which is a constant");
                if (!available.Add(output)) throw Error($"{op} writes tensor '{subGraph.Tensors[output].Name}', which is already written by an input or another operator");
            }
            TfliteOperatorMapper.Map(op, this);
        }
        foreach (var output in subGraph.Outputs)
            if (!available.Contains(output) && !IsConstant(output))
                throw Error($"graph output '{subGraph.Tensors[output].Name}' is not written by any operator");
        if (subGraph.Outputs.Distinct().Count() != subGraph.Outputs.Length) throw Error("a graph output is listed twice");
        foreach (var output in subGraph.Outputs) Use(output, "graph output");

        return new Graph(graphName, tensors.Values, operations, subGraph.Inputs.Select(i => names[i]), subGraph.Outputs.Select(i => names[i]));
    }

    public TinyGenException Error(string what) => new($"'{file}': {what}");

    public TinyGenException Error(TfliteOperator op, string what) => new($"'{file}': {op}: {what}");

    public TfliteTensor Tensor(int index) => subGraph.Tensors[index];

    /// <summary>The IR name of tensor <paramref name="index"/>, creating its IR tensor on first use.</summary>
    public string Use(int index, string role)
    {
        var name = names[index];
        if (!tensors.ContainsKey(name)) tensors[name] = MakeTensor(subGraph.Tensors[index], role);
        return name;
    }

    public bool IsConstant(int index) => !model.BufferData(subGraph.Tensors[index].Buffer, What(subGraph.Tensors[index])).IsEmpty;

    /// <summary>The constant data of tensor <paramref name="index"/>, or an error naming the operator and operand.</summary>
    public TensorData Constant(TfliteOperator op, int index, string operand)
    {
        var name = Use(index, operand);
        return tensors[name].Data ?? throw Error(op, $"{operand} '{subGraph.Tensors[index].Name}' must be a constant");
    }

    /// <summary>A new intermediate tensor (e.g. between a reshape the importer adds and the op it feeds).</summary>
    public string AddTensor(string stem, ElementType type, ImmutableArray<int> shape, Quantization? quantization)
    {
        var name = stem;
        for (var k = 1; !takenNames.Add(name); k++) name = $"{stem}_{k}";
        tensors[name] = new Tensor(name, type, shape, quantization);
        return name;
    }

    public void Add(Operation operation) => operations.Add(operation);

    public ElementType TensorType(string name) => tensors[name].Type;

    public Quantization? QuantizationOf(string name) => tensors[name].Quantization;

    private Tensor MakeTensor(TfliteTensor t, string role)
    {
        var what = $"{role} '{t.Name}' (tensor {t.Index})";
        if (t.IsVariable) throw Error($"{what} is a variable tensor; TinyGen compiles stateless models only");
        var type = TfliteTensorType.ToElementType(t.Type) ?? throw Error($"{what} has type {TfliteTensorType.Name(t.Type)}, which TinyGen does not support");
        var shape = t.Shape.ToImmutableArray();
        long count = 1;
        foreach (var d in shape)
        {
            if (d == 0) throw Error($"{what} has a zero dimension in shape [{string.Join(",", shape)}]");
            count *= d;
            if (count > int.MaxValue) throw Error($"{what} has shape [{string.Join(",", shape)}], too large");
        }
        var quantization = t.Quantization is { } q ? MakeQuantization(q, shape, what) : null;
        TensorData? data = null;
        var bytes = model.BufferData(t.Buffer, what);
        if (!bytes.IsEmpty)
        {
            if (bytes.Length != count * type.SizeInBytes())
                throw Error($"{what} has shape [{string.Join(",", shape)}] of {type.DisplayName()} ({count * type.SizeInBytes()} bytes) but its buffer {t.Buffer} holds {bytes.Length} bytes");
            data = TensorData.FromBytes(type, bytes);
        }
        return new Tensor(names[t.Index], type, shape, quantization, data);
    }

    private Quantization MakeQuantization(TfliteQuantization q, ImmutableArray<int> shape, string what)
    {
        var scales = q.Scales.ToImmutableArray();
        var zeroPoints = q.ZeroPoints.Select(z => (int)z).ToImmutableArray();
        if (scales.Length == 1) return new Quantization(scales, zeroPoints);
        if (q.Dimension < 0 || q.Dimension >= shape.Length || shape[q.Dimension] != scales.Length)
            throw Error($"{what} has {scales.Length} scales along quantized_dimension {q.Dimension} of shape [{string.Join(",", shape)}]");
        return new Quantization(scales, zeroPoints, q.Dimension);
    }

    private static string What(TfliteTensor t) => $"tensor '{t.Name}' (tensor {t.Index})";

    /// <summary>
    /// Names as the file gives them; an empty or repeated name becomes "tensor_N" (N its index),
    /// made unique against every name in the file.
    /// </summary>
    private string[] UniqueNames(TfliteTensor[] all)
    {
        var wanted = all.Select(t => t.Name).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        var result = new string[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            var name = all[i].Name;
            if (name.Length == 0 || !takenNames.Add(name))
            {
                var stem = name.Length == 0 ? $"tensor_{i}" : $"{name}_{i}";
                name = stem;
                for (var k = 1; wanted.Contains(name) || !takenNames.Add(name); k++) name = $"{stem}_{k}";
            }
            result[i] = name;
        }
        return result;
    }
}
