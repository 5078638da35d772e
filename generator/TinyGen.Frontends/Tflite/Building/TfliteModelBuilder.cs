using System.Runtime.InteropServices;

namespace TinyGen.Frontends.Tflite.Building;

/// <summary>
/// Builds valid .tflite bytes (schema version 3, one subgraph) for tests: tensors with shapes,
/// quantization and constant data, operators with their builtin options, and the graph's inputs
/// and outputs. Operator codes and buffers are numbered as the TFLite converter does (buffer 0
/// is the empty sentinel).
/// </summary>
public sealed class TfliteModelBuilder
{
    private readonly List<FlatTableBuilder> tensors = [];
    private readonly List<FlatTableBuilder> buffers = [new FlatTableBuilder()];
    private readonly List<int> codes = [];
    private readonly List<FlatTableBuilder> operators = [];
    private int[] inputs = [];
    private int[] outputs = [];

    public int TensorCount => tensors.Count;

    /// <summary>Adds a tensor; <paramref name="data"/> makes it a constant. Returns its index.</summary>
    public int AddTensor(string name, byte type, int[] shape, TfliteQuantization? quantization = null, byte[]? data = null)
    {
        var tensor = new FlatTableBuilder().Int32s(0, shape).UInt8(1, type).String(3, name);
        if (data is not null)
        {
            tensor.UInt32(2, (uint)buffers.Count);
            buffers.Add(new FlatTableBuilder().Bytes(0, data));
        }
        if (quantization is not null)
        {
            tensor.Table(4, new FlatTableBuilder()
                .Floats(2, quantization.Scales)
                .Int64s(3, quantization.ZeroPoints)
                .Int32(6, quantization.Dimension));
        }
        tensors.Add(tensor);
        return tensors.Count - 1;
    }

    /// <summary>An int8 activation with per-tensor quantization.</summary>
    public int Int8(string name, int[] shape, float scale, int zeroPoint) =>
        AddTensor(name, TfliteTensorType.Int8, shape, new TfliteQuantization([scale], [zeroPoint], 0));

    public int Float32(string name, int[] shape) => AddTensor(name, TfliteTensorType.Float32, shape);

    /// <summary>Constant int8 weights, per-tensor (one scale) or per-channel along <paramref name="dimension"/>.</summary>
    public int Int8Constant(string name, int[] shape, sbyte[] values, float[] scales, int dimension = 0) =>
        AddTensor(name, TfliteTensorType.Int8, shape, new TfliteQuantization(scales, new long[scales.Length], dimension), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A constant int32 tensor (biases, axes, paddings); a bias passes its scales (zero points are 0).</summary>
    public int Int32Constant(string name, int[] shape, int[] values, float[]? scales = null, int dimension = 0) =>
        AddTensor(name, TfliteTensorType.Int32, shape, scales is null ? null : new TfliteQuantization(scales, new long[scales.Length], dimension),
            MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Adds an operator; <paramref name="options"/> is its builtin_options table of union type <paramref name="optionsType"/>.</summary>
    public TfliteModelBuilder AddOperator(int code, int[] operatorInputs, int[] operatorOutputs, byte optionsType = 0, FlatTableBuilder? options = null)
    {
        var index = codes.IndexOf(code);
        if (index < 0)
        {
            codes.Add(code);
            index = codes.Count - 1;
        }
        var op = new FlatTableBuilder().UInt32(0, (uint)index).Int32s(1, operatorInputs).Int32s(2, operatorOutputs);
        if (options is not null) op.UInt8(3, optionsType).Table(4, options);
        operators.Add(op);
        return this;
    }

    public TfliteModelBuilder AddOperator(BuiltinOperator code, int[] operatorInputs, int[] operatorOutputs, byte optionsType = 0, FlatTableBuilder? options = null) =>
        AddOperator((int)code, operatorInputs, operatorOutputs, optionsType, options);

    public TfliteModelBuilder Inputs(params int[] indices)
    {
        inputs = indices;
        return this;
    }

    public TfliteModelBuilder Outputs(params int[] indices)
    {
        outputs = indices;
        return this;
    }

    public byte[] Build()
    {
        // codes above 127 do not fit the old byte field, which then holds PLACEHOLDER_FOR_GREATER_OP_CODES (127)
        var operatorCodes = codes.Select(c => new FlatTableBuilder().UInt8(0, (byte)Math.Min(c, 127)).Int32(2, 1).Int32(3, c));
        var subGraph = new FlatTableBuilder()
            .Tables(0, tensors).Int32s(1, inputs).Int32s(2, outputs).Tables(3, operators).String(4, "main");
        var model = new FlatTableBuilder()
            .UInt32(0, TfliteModel.SchemaVersion)
            .Tables(1, operatorCodes)
            .Tables(2, [subGraph])
            .String(3, "built by TinyGen's TfliteModelBuilder")
            .Tables(4, buffers);
        return FlatBufferWriter.Write(model, TfliteModel.FileIdentifier);
    }
}
