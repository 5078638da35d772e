using TinyGen.Frontends.Tflite.FlatBuffers;

namespace TinyGen.Frontends.Tflite;

/// <summary>
/// The part of a .tflite file TinyGen reads (schema.fbs): the schema version, the first subgraph
/// with its tensors and operators resolved to builtin codes, and the buffers holding constant
/// data. Reading checks every index the file states (tensor, buffer, operator code) so that the
/// importer only meets valid references.
/// </summary>
public sealed class TfliteModel
{
    /// <summary>The schema version TinyGen reads (TFLite's TFLITE_SCHEMA_VERSION).</summary>
    public const uint SchemaVersion = 3;

    /// <summary>The FlatBuffers file identifier of TFLite models, at bytes 4..8.</summary>
    public const string FileIdentifier = "TFL3";

    private const int CustomOperatorCode = 32;

    private readonly FlatBuffer buffer;
    private readonly FlatTable[] buffers;

    private TfliteModel(FlatBuffer buffer, FlatTable[] buffers, TfliteSubGraph subGraph)
    {
        this.buffer = buffer;
        this.buffers = buffers;
        SubGraph = subGraph;
    }

    /// <summary>
    /// The first subgraph, the model's main graph: the one TinyGen compiles. Further subgraphs
    /// (bodies of control-flow operators, which TinyGen rejects by name, or extra signatures)
    /// are not read.
    /// </summary>
    public TfliteSubGraph SubGraph { get; }

    public static TfliteModel Read(byte[] bytes, string file)
    {
        var buffer = new FlatBuffer(bytes, file);
        var model = buffer.Root("Model");
        var version = model.UInt32(0, "version");
        if (version != SchemaVersion)
            throw buffer.Fault($"schema version {version}; TinyGen reads version {SchemaVersion}");
        var codes = (model.Tables(1, "operator_codes") ?? []).Select(c => OperatorCode(buffer, c)).ToArray();
        var subGraphs = model.Tables(2, "subgraphs") ?? [];
        if (subGraphs.Length == 0) throw buffer.Fault("the model has no subgraph");
        var buffers = model.Tables(4, "buffers") ?? [];
        var subGraph = ReadSubGraph(buffer, subGraphs[0], codes, buffers.Length);
        return new TfliteModel(buffer, buffers, subGraph);
    }

    /// <summary>The bytes of buffer <paramref name="index"/>, inside the FlatBuffer or after it (offset/size); empty when it holds none.</summary>
    public ReadOnlySpan<byte> BufferData(uint index, string user)
    {
        if (index >= buffers.Length) return [];
        var table = buffers[index];
        if (table.Bytes(0, "data") is { } data) return Take(data.Start, data.Length, $"{user}: buffer {index}");
        var offset = table.UInt64(1, "offset");
        var size = table.UInt64(2, "size");
        // TFLite writes offset 1 (and size 0) for a buffer whose data is absent
        if (offset <= 1) return [];
        if (offset > int.MaxValue || size > int.MaxValue)
            throw buffer.Fault($"{user}: buffer {index} at offset {offset} of {size} bytes lies outside the file ({buffer.Length} bytes)");
        return Take((long)offset, (int)size, $"{user}: buffer {index}");
    }

    private ReadOnlySpan<byte> Take(long start, int length, string what)
    {
        buffer.Charge(length, what);
        return buffer.Span(start, length, what);
    }

    private static int OperatorCode(FlatBuffer buffer, FlatTable table)
    {
        // Codes above 127 do not fit the old byte field, which holds PLACEHOLDER_FOR_GREATER_OP_CODES
        // then; models written before builtin_code existed have only the byte. The larger wins.
        var code = Math.Max(table.Int8(0, "deprecated_builtin_code"), table.Int32(3, "builtin_code"));
        if (code == CustomOperatorCode)
            throw buffer.Fault($"{table.What}: custom operator '{table.String(1, "custom_code") ?? ""}' is not supported");
        if (code < 0) throw buffer.Fault($"{table.What}: negative builtin code {code}");
        return code;
    }

    private static TfliteSubGraph ReadSubGraph(FlatBuffer buffer, FlatTable table, int[] codes, int bufferCount)
    {
        var tensorTables = table.Tables(0, "tensors") ?? [];
        var tensors = new TfliteTensor[tensorTables.Length];
        for (var i = 0; i < tensors.Length; i++) tensors[i] = ReadTensor(buffer, tensorTables[i], i, bufferCount);

        int[] Indices(FlatTable t, int id, string field, bool optional)
        {
            var indices = t.Int32s(id, field) ?? [];
            foreach (var index in indices)
                if (index >= tensors.Length || index < (optional ? -1 : 0))
                    throw buffer.Fault($"{t.What}.{field}: tensor index {index} is not one of the {tensors.Length} tensors");
            return indices;
        }

        var operatorTables = table.Tables(3, "operators") ?? [];
        var operators = new TfliteOperator[operatorTables.Length];
        for (var i = 0; i < operators.Length; i++)
        {
            var op = operatorTables[i];
            var opcode = op.UInt32(0, "opcode_index");
            if (opcode >= codes.Length)
                throw buffer.Fault($"{op.What}.opcode_index: {opcode} is not one of the {codes.Length} operator codes");
            var (optionsType, options) = op.Union(3, "builtin_options");
            operators[i] = new TfliteOperator(i, codes[opcode], Indices(op, 1, "inputs", optional: true), Indices(op, 2, "outputs", optional: false), optionsType, options);
        }
        return new TfliteSubGraph(table.String(4, "name") ?? "", tensors, operators,
            Indices(table, 1, "inputs", optional: false), Indices(table, 2, "outputs", optional: false));
    }

    private static TfliteTensor ReadTensor(FlatBuffer buffer, FlatTable table, int index, int bufferCount)
    {
        var shape = table.Int32s(0, "shape") ?? [];
        var signature = table.Int32s(7, "shape_signature");
        for (var axis = 0; axis < shape.Length; axis++)
        {
            // A dynamic batch (signature -1, or a 0/-1 in the shape itself) runs one sample at a time.
            var dynamic = signature is not null && signature.Length == shape.Length && signature[axis] == -1;
            if (axis == 0 && (dynamic || shape[axis] <= 0)) shape[axis] = 1;
            else if (shape[axis] < 0 || dynamic)
                throw buffer.Fault($"{table.What}.shape: dimension {axis} is dynamic ({(dynamic ? -1 : shape[axis])}); TinyGen needs fixed sizes except for the batch");
        }
        var bufferIndex = table.UInt32(2, "buffer");
        if (bufferIndex >= bufferCount && bufferIndex != 0)
            throw buffer.Fault($"{table.What}.buffer: {bufferIndex} is not one of the {bufferCount} buffers");
        if (table.UInt32(10, "external_buffer") != 0)
            throw buffer.Fault($"{table.What}: external buffers (external_buffer) are not supported");
        if (table.Has(6, "sparsity")) throw buffer.Fault($"{table.What}: sparse tensors are not supported");
        return new TfliteTensor(index, table.String(3, "name") ?? "", table.UInt8(1, "type"), shape,
            bufferIndex < bufferCount ? bufferIndex : 0, ReadQuantization(buffer, table.Table(4, "quantization")), table.Bool(5, "is_variable"));
    }

    private static TfliteQuantization? ReadQuantization(FlatBuffer buffer, FlatTable? table)
    {
        if (table is not { } q) return null;
        var scales = q.Floats(2, "scale") ?? [];
        var zeroPoints = q.Int64s(3, "zero_point") ?? [];
        if (q.UInt8(4, "details_type") != 0) throw buffer.Fault($"{q.What}: custom quantization details are not supported");
        if (scales.Length == 0) return null;
        if (zeroPoints.Length != scales.Length && zeroPoints.Length > 1)
            throw buffer.Fault($"{q.What}: {scales.Length} scales but {zeroPoints.Length} zero points");
        foreach (var s in scales)
            if (!float.IsFinite(s) || s <= 0) throw buffer.Fault($"{q.What}.scale: {s} is not a positive finite scale");
        foreach (var z in zeroPoints)
            if (z < int.MinValue || z > int.MaxValue) throw buffer.Fault($"{q.What}.zero_point: {z} is out of range");
        return new TfliteQuantization(scales, zeroPoints.Length == 0 ? [0] : zeroPoints, q.Int32(6, "quantized_dimension"));
    }
}
