using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference;

/// <summary>
/// What a kernel sees while the interpreter runs: the graph's tensor descriptions and the values
/// computed so far (constants are read from the graph).
/// </summary>
public sealed class KernelContext
{
    private readonly Dictionary<string, TensorData> computed = new(StringComparer.Ordinal);

    public KernelContext(Graph graph) => Graph = graph;

    public Graph Graph { get; }

    /// <summary>Graph inputs and operation outputs computed so far, by tensor name.</summary>
    public IReadOnlyDictionary<string, TensorData> Computed => computed;

    public Tensor Tensor(string name) => Graph[name];

    public bool Has(string name) => computed.ContainsKey(name);

    public void Set(string name, TensorData value) => computed[name] = value;

    /// <summary>The value of a tensor: computed, or the constant's data.</summary>
    public TensorData Value(string name) =>
        computed.TryGetValue(name, out var value) ? value
        : Graph[name].Data ?? throw new TinyGenException($"internal: reference reads '{name}' before anything produced it");

    /// <summary>The Int8 value of a tensor, failing with the op's name when it holds another type.</summary>
    public sbyte[] Int8(string name, Operation user)
    {
        var value = Value(name);
        if (value.Type != ElementType.Int8)
            throw new TinyGenException($"{user}: tensor '{name}' is {value.Type.DisplayName()}, the reference expects int8 here");
        return value.ToInt8();
    }

    /// <summary>The per-tensor quantization of a tensor, failing with the op's name when it is missing or per-channel.</summary>
    public Quantization PerTensorQuantization(string name, Operation user)
    {
        var q = Graph[name].RequireQuantization(user.ToString());
        if (q.IsPerChannel)
            throw new TinyGenException($"{user}: tensor '{name}' must have per-tensor quantization, it has {q}");
        return q;
    }

    /// <summary>The 4-D NHWC shape of an activation (batch first), failing with the op's name otherwise.</summary>
    public (int N, int H, int W, int C) Nhwc(string name, Operation user)
    {
        var t = Graph[name];
        if (!t.HasShape || t.Rank != 4)
            throw new TinyGenException($"{user}: tensor '{name}' must be 4-D NHWC, it is {t.ShapeText}");
        return (t.Shape[0], t.Shape[1], t.Shape[2], t.Shape[3]);
    }
}
