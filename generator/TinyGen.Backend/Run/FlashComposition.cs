using TinyGen.Emit;

namespace TinyGen.Run;

/// <summary>
/// Where a linked image's flash goes, from the linker map: the model's own code (its invoke, call
/// descriptors and tile tables), its constant tables (weights, biases, multipliers, shifts, lookup
/// tables: the <c>&lt;prefix&gt;_*</c> arrays), the kernels (ours and CMSIS-NN's, with their constants),
/// the test harness (startup, UART, counter, glue, test input) and the C and gcc runtime libraries
/// (memcpy, 64-bit division, ...), which the harness and the kernels share. Alignment padding between
/// sections is in none of them.
/// </summary>
public sealed record FlashComposition(long ModelCode, long Weights, long Kernels, long Harness, long Library, long Other)
{
    /// <summary>Issue 7's "model code": the text of the model and its kernels, without weights, harness or runtime library.</summary>
    public long ModelAndKernelCode => ModelCode + Kernels;

    public long Total => ModelCode + Weights + Kernels + Harness + Library + Other;

    /// <summary>Input sections that end up in flash: code, constants, initial values of data, vectors and unwind tables.</summary>
    private static readonly string[] FlashSections = [".text", ".rodata", ".data", ".tg_vectors", ".ARM.exidx", ".ARM.extab"];

    public static FlashComposition FromMapFile(string mapPath, EmittedProject project) =>
        Of(LinkerMap.InputSections(File.ReadAllText(mapPath)), project.SymbolPrefix, HarnessObjects(FirmwareTree.Product()));

    /// <summary>The object names of the harness: its runtime sources and the two files generated for a test build.</summary>
    public static IReadOnlySet<string> HarnessObjects(FirmwareTree tree) =>
        tree.FirmwareHarnessSources().Select(Path.GetFileNameWithoutExtension)
            .Concat([Path.GetFileNameWithoutExtension(CEmitter.GlueFileName), Path.GetFileNameWithoutExtension(CEmitter.TestInputFileName)])
            .Select(stem => stem + ".o").ToHashSet(StringComparer.Ordinal);

    /// <param name="symbolPrefix">The model's symbol prefix (tg_&lt;stem&gt;); its source is &lt;stem&gt;.c.</param>
    public static FlashComposition Of(IEnumerable<LinkedSection> sections, string symbolPrefix, IReadOnlySet<string> harnessObjects)
    {
        var modelObject = symbolPrefix["tg_".Length..] + ".o";
        long model = 0, weights = 0, kernels = 0, harness = 0, library = 0, other = 0;
        foreach (var s in sections.Where(s => FlashSections.Any(f => s.Name == f || s.Name.StartsWith(f + ".", StringComparison.Ordinal))))
        {
            var file = Path.GetFileName(s.Object);
            if (s.Object.Contains(".a(", StringComparison.Ordinal)) library += s.Bytes;
            else if (harnessObjects.Contains(file)) harness += s.Bytes;
            else if (file == modelObject && s.Name.StartsWith(".rodata." + symbolPrefix + "_", StringComparison.Ordinal)) weights += s.Bytes;
            else if (file == modelObject) model += s.Bytes;
            else if (file.EndsWith(".o", StringComparison.Ordinal)) kernels += s.Bytes;
            else other += s.Bytes;
        }
        return new FlashComposition(model, weights, kernels, harness, library, other);
    }
}
