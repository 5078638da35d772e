using System.Collections.Immutable;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Mappers;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx;

/// <summary>
/// Turns a parsed ModelProto into a raw IR graph with ONNX semantics: checks that the graph is
/// well formed (every input defined, acyclic), orders it, reads the graph inputs, and hands each
/// node to its mapper.
/// </summary>
internal sealed class GraphImporter(ModelProto model, string graphName)
{
    private readonly GraphProto graph = model.Graph;

    public Graph Run()
    {
        var opsets = ReadOpsets();
        var initializers = ReadInitializers();
        var inputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();
        var nodes = NameNodes();

        var defined = new HashSet<string>(initializers.Keys, StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (input.Name.Length == 0) throw new TinyGenException("a graph input has no name");
            if (!defined.Add(input.Name)) throw new TinyGenException($"graph input '{input.Name}' is declared twice");
        }
        foreach (var node in nodes)
            foreach (var output in node.RawOutputs.Where(o => o.Length > 0))
                if (!defined.Add(output))
                    throw node.Error($"output '{output}' is already defined (by a graph input, an initializer or another node)");
        foreach (var node in nodes)
            foreach (var input in node.RawInputs.Where(i => i.Length > 0))
                if (!defined.Contains(input))
                    throw node.Error($"input '{input}' is not a graph input, an initializer or any node's output");
        foreach (var output in graph.Output)
            if (!defined.Contains(output.Name))
                throw new TinyGenException($"graph output '{output.Name}' is not produced by any node");

        var used = new HashSet<string>(nodes.SelectMany(n => n.RawInputs).Concat(graph.Output.Select(o => o.Name)), StringComparer.Ordinal);
        var context = new ImportContext(opsets, nodes, DeclaredRanks(), defined, used);
        foreach (var input in inputs) ReadGraphInput(context, input);
        foreach (var initializer in initializers.Values) context.AddInitializer(initializer);

        foreach (var node in NodeOrder.Sort(nodes))
        {
            var mapper = OpMappers.For(node);
            context.Opset(node); // every domain a node uses must be imported, also where the version does not matter
            mapper.Map(node, context);
            foreach (var output in node.RawOutputs.Where(o => o.Length > 0))
                if (!context.Exists(output) && used.Contains(output))
                    throw node.Error($"output '{output}' is used, but TinyGen produces only this op's first output");
        }

        var inputNames = inputs.Select(i => i.Name).ToList();
        var outputNames = graph.Output.Select(o => o.Name).ToList();
        var referenced = inputNames.Concat(outputNames)
            .Concat(context.Operations.SelectMany(op => op.Inputs.Concat(op.Outputs)));
        return new Graph(graphName, context.BuildTensors(referenced).ToList(), context.Operations, inputNames, outputNames);
    }

    private Dictionary<string, long> ReadOpsets()
    {
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var o in model.OpsetImport)
            opsets[OnnxNode.NormalizeDomain(o.Domain)] = o.Version;
        return opsets;
    }

    private Dictionary<string, TensorProto> ReadInitializers()
    {
        var result = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var t in graph.Initializer)
        {
            if (t.Name.Length == 0) throw new TinyGenException("an initializer has no name");
            if (!result.TryAdd(t.Name, t)) throw new TinyGenException($"initializer '{t.Name}' is defined twice");
        }
        return result;
    }

    /// <summary>Wraps the nodes, giving each a unique non-empty name (IR operations are found by name).</summary>
    private List<OnnxNode> NameNodes()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var wanted = graph.Node.Select(n => n.Name).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        var result = new List<OnnxNode>(graph.Node.Count);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var proto = graph.Node[i];
            var name = proto.Name;
            if (name.Length == 0 || !taken.Add(name))
            {
                var stem = name.Length == 0 ? $"{(proto.OpType.Length > 0 ? proto.OpType : "node")}_{i}" : $"{name}_{i}";
                name = stem;
                for (var k = 1; wanted.Contains(name) || !taken.Add(name); k++) name = $"{stem}_{k}";
            }
            result.Add(new OnnxNode(proto, name));
        }
        return result;
    }

    /// <summary>Ranks the model states for intermediate values (value_info, outputs); used only to resolve negative or default axes.</summary>
    private Dictionary<string, int> DeclaredRanks()
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vi in graph.ValueInfo.Concat(graph.Output))
            if (vi.Type?.TensorType?.Shape is { } shape)
                ranks.TryAdd(vi.Name, shape.Dim.Count);
        return ranks;
    }

    /// <summary>
    /// A graph input must have a fully known shape; a symbolic or zero first axis is taken as batch 1
    /// (microcontrollers run one sample at a time).
    /// </summary>
    private static void ReadGraphInput(ImportContext context, ValueInfoProto input)
    {
        var what = $"graph input '{input.Name}'";
        var tensorType = input.Type?.TensorType ?? throw new TinyGenException($"{what} is not a tensor");
        var shapeProto = tensorType.Shape ?? throw new TinyGenException($"{what} has no shape; TinyGen needs every input dimension");
        var dims = new List<long>(shapeProto.Dim.Count);
        for (var axis = 0; axis < shapeProto.Dim.Count; axis++)
        {
            var dim = shapeProto.Dim[axis];
            var isKnown = dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue;
            if (isKnown && dim.DimValue < 0)
                throw new TinyGenException($"{what} has a negative dimension {dim.DimValue} at axis {axis}");
            if (axis == 0 && (!isKnown || dim.DimValue == 0))
            {
                dims.Add(1);
                continue;
            }
            if (!isKnown)
                throw new TinyGenException($"{what} has a symbolic dimension '{dim.DimParam}' at axis {axis}; TinyGen needs fixed sizes except for the batch (axis 0)");
            if (dim.DimValue == 0)
                throw new TinyGenException($"{what} has a zero dimension at axis {axis}");
            dims.Add(dim.DimValue);
        }
        context.AddInput(input.Name, tensorType.ElemType, TensorProtoDecoder.CheckedShape(dims, what));
    }
}
