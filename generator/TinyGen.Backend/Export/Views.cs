using System.Globalization;
using TinyGen.Emit;
using TinyGen.Ir;

namespace TinyGen.Export;

/// <summary>What the export templates see: identifiers, literals and text already escaped for where it lands.</summary>
internal static class Views
{
    public sealed record EdgeView(string Index, string CType, string Bytes, string Elements, IReadOnlyList<string> Rows, bool IsFloat);

    public sealed record CommonView(
        string Stem,
        string Prefix,
        string Macro,
        string Header,
        string ExampleHeader,
        string ModelComment,
        string ModelLine,
        string ModelJson,
        string BoardName,
        string BoardComment,
        string Version,
        IReadOnlyList<EdgeView> Inputs,
        IReadOnlyList<EdgeView> Outputs);

    public static CommonView Common(Compilation c, ProjectParts parts, ExampleData example)
    {
        var graph = c.Lowered;
        var stem = parts.Stem;
        var modelName = c.Project.ModelName;
        return new CommonView(
            Stem: stem,
            Prefix: c.Project.SymbolPrefix,
            Macro: c.Project.SymbolPrefix.ToUpperInvariant(),
            Header: $"{stem}.h",
            ExampleHeader: $"{stem}_example_data.h",
            ModelComment: CText.Comment(modelName),
            ModelLine: ExportText.Line(modelName),
            ModelJson: ExportText.Json($"TinyGen-generated C for the quantized model '{ExportText.Line(modelName)}' ({c.Board.Core}, {c.Board.Name})"),
            BoardName: c.Board.Name,
            BoardComment: CText.Comment($"{c.Board.Name} ({c.Board.Core})"),
            Version: typeof(Views).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.1.0",
            Inputs: Edges(graph, graph.Inputs, example.Inputs),
            Outputs: Edges(graph, graph.Outputs, example.ExpectedOutputs));
    }

    private static List<EdgeView> Edges(Graph graph, IReadOnlyList<string> names, IReadOnlyList<TensorData> data) =>
        names.Select((name, i) =>
        {
            var t = graph[name];
            return new EdgeView(
                Index: CLiteral.Int(i),
                CType: CTypes.Of(t.Type),
                Bytes: CLiteral.Unsigned(t.SizeInBytes),
                Elements: t.ElementCount.ToString(CultureInfo.InvariantCulture),
                Rows: CLiteral.Rows(data[i].Bytes.ToArray(), 16, CLiteral.HexByte),
                IsFloat: t.Type == ElementType.Float32);
        }).ToList();
}
