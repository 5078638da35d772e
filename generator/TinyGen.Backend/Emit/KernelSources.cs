using System.Collections.Frozen;

namespace TinyGen.Emit;

/// <summary>
/// Which firmware/kernels file defines each tg_ function, so an emitted project carries only the
/// kernels its model calls. One kernel per file, named after the function, except where a file
/// holds a function pair.
/// </summary>
public static class KernelSources
{
    private static readonly FrozenDictionary<string, string> Exceptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tg_convert_s8_u8"] = "tg_convert_u8_s8.c",
        ["tg_quantize_f32_s8_half_away"] = "tg_quantize_f32_s8.c",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Files a kernel calls into besides its own: code two kernels share is linked once, not inlined
    /// into each (issue 7 caps a model's code at 20 KB).
    /// </summary>
    private static readonly FrozenDictionary<string, string[]> Companions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["tg_pointwise_conv_s8_fast"] = ["tg_s16_columns.c"],
        ["tg_convolve_s8_wide"] = ["tg_s16_columns.c"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string FileFor(string function) => Exceptions.TryGetValue(function, out var file) ? file : function + ".c";

    /// <summary>The file that defines <paramref name="function"/> and the files it calls into.</summary>
    public static IEnumerable<string> FilesFor(string function) =>
        Companions.TryGetValue(function, out var companions) ? [FileFor(function), .. companions] : [FileFor(function)];
}
