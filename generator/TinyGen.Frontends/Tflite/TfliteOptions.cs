using TinyGen.Frontends.Tflite.FlatBuffers;
using TinyGen.Ir;

namespace TinyGen.Frontends.Tflite;

/// <summary>
/// Reads one operator's builtin_options table: checks that the union holds the options type the
/// operator's code expects, and gives fields by schema id with the schema's defaults (an absent
/// table reads as all defaults, as in TFLite).
/// </summary>
internal readonly struct TfliteOptions
{
    private readonly TfliteOperator op;
    private readonly TfliteGraphBuilder builder;
    private readonly FlatTable? table;

    public TfliteOptions(TfliteOperator op, TfliteGraphBuilder builder, byte expected)
    {
        this.op = op;
        this.builder = builder;
        if (op.OptionsType != 0 && op.OptionsType != expected)
            throw builder.Error(op, $"builtin_options has union type {op.OptionsType}, not the options of {op.OpName} ({expected})");
        table = op.Options;
    }

    public int Int32(int id, string field, int absent = 0) => table is { } t ? t.Int32(id, field, absent) : absent;
    public byte UInt8(int id, string field) => table is { } t ? t.UInt8(id, field) : (byte)0;
    public bool Bool(int id, string field) => table is { } t && t.Bool(id, field);
    public float Float(int id, string field, float absent = 0) => table is { } t ? t.Float(id, field, absent) : absent;

    /// <summary>A stride or dilation: at least 1.</summary>
    public int Positive(int id, string field, int absent = 0)
    {
        var value = Int32(id, field, absent);
        return value >= 1 ? value : throw builder.Error(op, $"{field} is {value}; it must be at least 1");
    }

    /// <summary>ActivationFunctionType → the real-valued clamp it means.</summary>
    public FusedActivation Activation(int id) => UInt8(id, "fused_activation_function") switch
    {
        0 => FusedActivation.None,
        1 => FusedActivation.Relu,
        2 => new FusedActivation(-1f, 1f),
        3 => FusedActivation.Relu6,
        4 => throw builder.Error(op, "fused activation TANH is not supported"),
        5 => throw builder.Error(op, "fused activation SIGN_BIT is not supported"),
        var other => throw builder.Error(op, $"unknown fused activation {other}"),
    };

    /// <summary>Padding: SAME (0) or VALID (1).</summary>
    public bool IsSamePadding(int id) => UInt8(id, "padding") switch
    {
        0 => true,
        1 => false,
        var other => throw builder.Error(op, $"unknown padding {other}"),
    };
}
