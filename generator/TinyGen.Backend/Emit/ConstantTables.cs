using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Emit;

/// <summary>One static const array of the generated model (weights, bias, multiplier or shift table).</summary>
public sealed record ConstantArrayView(string Comment, string CType, string Name, string Count, IReadOnlyList<string> Rows, long Bytes);

/// <summary>
/// Collects the generated model's constant arrays in the order they are first needed, and counts
/// the flash they take. Constant tensors get names in their own identifier scope.
/// </summary>
internal sealed class ConstantTables(string prefix)
{
    private readonly List<ConstantArrayView> tables = [];
    private readonly CIdentifierScope scope = new();
    private readonly Dictionary<string, string> tensorArrays = new(StringComparer.Ordinal);

    public IReadOnlyList<ConstantArrayView> Tables => tables;

    public long FlashBytes => tables.Sum(t => t.Bytes);

    /// <summary>The array holding constant tensor <paramref name="tensor"/>, emitted on first request.</summary>
    public string ForTensor(Tensor tensor)
    {
        if (tensorArrays.TryGetValue(tensor.Name, out var existing)) return existing;
        var data = tensor.Data ?? throw new TinyGenException($"internal: '{tensor.Name}' is not a constant");
        if (data.Length == 0) throw new TinyGenException($"constant '{tensor.Name}' is empty; C has no empty arrays");
        var (values, perLine) = tensor.Type switch
        {
            ElementType.Int8 => (data.ToInt8().Select(v => CLiteral.Int(v)).ToList(), 16),
            ElementType.UInt8 => (data.ToUInt8().Select(v => CLiteral.Int(v)).ToList(), 16),
            ElementType.Int32 => (data.ToInt32().Select(v => CLiteral.Int(v)).ToList(), 8),
            ElementType.Float32 => (data.ToFloats().Select(CLiteral.Float).ToList(), 8),
            _ => throw new TinyGenException($"constant '{tensor.Name}' is {tensor.Type.DisplayName()}; the generated code holds only int8, uint8, int32 and float constants"),
        };
        var name = $"{prefix}_c_{scope.Claim(tensor.Name)}";
        var comment = CText.Comment($"'{tensor.Name}' {tensor.Type.DisplayName()} {tensor.ShapeText}");
        AddRows(name, CTypes.Of(tensor.Type), values, comment, perLine, tensor.Type.SizeInBytes());
        tensorArrays[tensor.Name] = name;
        return name;
    }

    /// <summary>A table of literal values (already formatted) that only the generator knows, e.g. multipliers.</summary>
    public string AddTable(string name, string cType, IReadOnlyList<string> literals, string comment, int elementSize)
    {
        AddRows(name, cType, literals, comment, 8, elementSize);
        return name;
    }

    /// <summary>A table of C struct initializers (already formatted), one record per line.</summary>
    public string AddRecords(string name, string cType, IReadOnlyList<string> records, string comment, int recordSize)
    {
        AddRows(name, cType, records, comment, 1, recordSize);
        return name;
    }

    private void AddRows(string name, string cType, IReadOnlyList<string> literals, string comment, int perLine, int elementSize) =>
        tables.Add(new ConstantArrayView(comment, cType, name, CLiteral.Unsigned(literals.Count), CLiteral.Rows(literals, perLine, v => v),
            (long)literals.Count * elementSize));
}
