using System.Buffers.Binary;
using System.Globalization;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Run;

/// <summary>
/// Reads the harness protocol (see <see cref="HarnessProtocol"/>) strictly: once TG_BEGIN is seen, every
/// line must be the next expected record, element counts must add up and values must fit their type.
/// Anything else is a FirmwareError naming the offending line, because a garbled report must never be
/// mistaken for a result. Text before TG_BEGIN (boot noise) is ignored.
/// </summary>
public static class HarnessOutputParser
{
    public static FirmwareResult Parse(string text)
    {
        var lines = text.Replace("\r", "").Split('\n');
        var n = 0;
        while (n < lines.Length && lines[n].Trim() != HarnessProtocol.Begin) n++;
        if (n == lines.Length)
            throw new TinyGenException($"firmware printed no {HarnessProtocol.Begin} line{Tail(text)}", ExitCodes.FirmwareError);

        var outputs = new List<FirmwareOutput>();
        PendingOutput? pending = null;
        long? instructions = null, stack = null;
        var layers = new List<long>();
        int? status = null;

        for (n++; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var at = new LineRef(n + 1, line);
            switch (fields[0])
            {
                case HarnessProtocol.Output:
                    if (instructions is not null) throw at.Error("output after the summary lines");
                    Finish(pending, outputs, at);
                    pending = ParseOutputHeader(fields, outputs.Count, at);
                    break;
                case HarnessProtocol.Data:
                    if (pending is null) throw at.Error($"{HarnessProtocol.Data} before any {HarnessProtocol.Output}");
                    pending.Append(fields, at);
                    break;
                case HarnessProtocol.Layer:
                    if (instructions is not null) throw at.Error($"expected before {HarnessProtocol.Instructions}");
                    Finish(pending, outputs, at);
                    pending = null;
                    if (fields.Length != 3 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var layer) || layer != layers.Count ||
                        !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var layerInstructions))
                        throw at.Error($"expected '{HarnessProtocol.Layer} {layers.Count} <instructions>'");
                    layers.Add(layerInstructions);
                    break;
                case HarnessProtocol.Instructions:
                    Finish(pending, outputs, at);
                    pending = null;
                    if (instructions is not null) throw at.Error("repeated");
                    instructions = ParseCount(fields, at);
                    break;
                case HarnessProtocol.Stack:
                    if (instructions is null || stack is not null) throw at.Error($"expected after {HarnessProtocol.Instructions}, once");
                    stack = ParseCount(fields, at);
                    break;
                case HarnessProtocol.Status:
                    if (stack is null || status is not null) throw at.Error($"expected after {HarnessProtocol.Stack}, once");
                    if (fields.Length != 2 || !int.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
                        throw at.Error("expected one integer");
                    status = s;
                    break;
                case HarnessProtocol.End:
                    if (status is null) throw at.Error($"{HarnessProtocol.End} before {HarnessProtocol.Instructions}, {HarnessProtocol.Stack} and {HarnessProtocol.Status}");
                    if (fields.Length != 1) throw at.Error("unexpected fields");
                    RejectTrailingText(lines, n + 1);
                    return new FirmwareResult(outputs, instructions!.Value, stack!.Value, status.Value) { LayerInstructions = layers };
                default:
                    throw at.Error("not a harness protocol line");
            }
        }
        throw new TinyGenException($"firmware output ended before {HarnessProtocol.End}{Tail(text)}", ExitCodes.FirmwareError);
    }

    private static PendingOutput ParseOutputHeader(string[] fields, int expectedIndex, LineRef at)
    {
        if (fields.Length != 4) throw at.Error("expected '<index> <type> <elements>'");
        if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index != expectedIndex)
            throw at.Error($"expected output index {expectedIndex}");
        var type = fields[2] switch
        {
            "int8" => ElementType.Int8,
            "uint8" => ElementType.UInt8,
            "float32" => ElementType.Float32,
            _ => throw at.Error($"unknown element type '{fields[2]}' (int8, uint8 or float32)"),
        };
        if (!int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var elements))
            throw at.Error("element count is not a non-negative integer");
        return new PendingOutput(index, type, elements);
    }

    private static void Finish(PendingOutput? pending, List<FirmwareOutput> outputs, LineRef at)
    {
        if (pending is null) return;
        if (pending.Received != pending.Elements)
            throw at.Error($"output {pending.Index} declared {pending.Elements} elements but {pending.Received} arrived");
        outputs.Add(new FirmwareOutput(pending.Index, TensorData.FromBytes(pending.Type, pending.Bytes)));
    }

    private static long ParseCount(string[] fields, LineRef at) =>
        fields.Length == 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw at.Error("expected one non-negative integer");

    private static void RejectTrailingText(string[] lines, int from)
    {
        for (var n = from; n < lines.Length; n++)
            if (lines[n].Trim().Length > 0)
                throw new LineRef(n + 1, lines[n].Trim()).Error($"text after {HarnessProtocol.End}");
    }

    private static string Tail(string text)
    {
        var last = text.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3).ToList();
        return last.Count == 0 ? " (it printed nothing)" : $"; its last lines were:\n{string.Join('\n', last)}";
    }

    private sealed record LineRef(int Number, string Text)
    {
        public TinyGenException Error(string reason) =>
            new($"malformed firmware output, line {Number} '{Text}': {reason}", ExitCodes.FirmwareError);
    }

    /// <summary>An output whose TG_DATA lines are still arriving.</summary>
    private sealed class PendingOutput(int index, ElementType type, int elements)
    {
        private readonly byte[] bytes = new byte[checked(elements * type.SizeInBytes())];

        public int Index => index;
        public ElementType Type => type;
        public int Elements => elements;
        public int Received { get; private set; }
        public ReadOnlySpan<byte> Bytes => bytes;

        public void Append(string[] fields, LineRef at)
        {
            if (fields.Length < 2 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lineIndex) || lineIndex != index)
                throw at.Error($"expected data for output {index}");
            var count = fields.Length - 2;
            if (count == 0) throw at.Error("no values");
            if (count > HarnessProtocol.MaxValuesPerDataLine)
                throw at.Error($"{count} values on one line, at most {HarnessProtocol.MaxValuesPerDataLine} allowed");
            if (Received + count > elements)
                throw at.Error($"output {index} declared {elements} elements but this line brings it to {Received + count}");
            for (var i = 0; i < count; i++)
                Store(fields[i + 2], Received + i, at);
            Received += count;
        }

        private void Store(string value, int position, LineRef at)
        {
            switch (type)
            {
                case ElementType.Int8:
                    if (!sbyte.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s8))
                        throw at.Error($"'{value}' is not an int8");
                    bytes[position] = (byte)s8;
                    break;
                case ElementType.UInt8:
                    if (!byte.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var u8))
                        throw at.Error($"'{value}' is not a uint8");
                    bytes[position] = u8;
                    break;
                default:
                    // Float32 travels as its IEEE bits so the comparison is exact, NaN payloads and -0 included.
                    if (value.Length != 8 || !value.All(char.IsAsciiHexDigitLower)
                        || !uint.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
                        throw at.Error($"'{value}' is not 8 lowercase hex digits of a float32");
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(position * 4), bits);
                    break;
            }
        }
    }
}
