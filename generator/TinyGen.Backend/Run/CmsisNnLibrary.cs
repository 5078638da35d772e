using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>
/// A CMSIS-NN checkout (Include/, Source/) that firmware built with --kernels cmsis-nn is compiled
/// against. TinyGen ships no CMSIS-NN: the user points CMSIS_NN_ROOT at their own copy.
/// </summary>
public sealed record CmsisNnLibrary(string Root)
{
    public const string RootVariable = "CMSIS_NN_ROOT";

    /// <summary>
    /// The folders of CMSIS-NN's int8 kernels TinyGen calls and their helpers (Helium's depthwise
    /// wrapper transposes one-input-channel filters with arm_transpose_s8). Float, int4, int16,
    /// LSTM and SVDF sources are left out: no emitted call reaches them and they would only cost
    /// compile time (the kernels are linked as separate sections, unused ones are dropped).
    /// </summary>
    private static readonly string[] SourceFolders =
        ["BasicMathFunctions", "ConvolutionFunctions", "FullyConnectedFunctions", "NNSupportFunctions", "PoolingFunctions", "SoftmaxFunctions", "TransposeFunctions"];

    public string IncludeFolder => Path.Combine(Root, "Include");

    /// <summary>The checkout CMSIS_NN_ROOT names, or null when the variable is unset or empty.</summary>
    public static CmsisNnLibrary? FromEnvironment()
    {
        var root = Environment.GetEnvironmentVariable(RootVariable);
        return string.IsNullOrWhiteSpace(root) ? null : At(root);
    }

    /// <summary>The checkout CMSIS_NN_ROOT names; a clear error when it is not set or not a CMSIS-NN checkout.</summary>
    public static CmsisNnLibrary Locate() =>
        FromEnvironment() ?? throw new TinyGenException(
            $"--kernels cmsis-nn needs a CMSIS-NN checkout: set {RootVariable} to a folder holding Include/arm_nnfunctions.h and Source/ (https://github.com/ARM-software/CMSIS-NN)");

    public static CmsisNnLibrary At(string root)
    {
        var full = Path.GetFullPath(root);
        if (!File.Exists(Path.Combine(full, "Include", "arm_nnfunctions.h")) || !Directory.Exists(Path.Combine(full, "Source")))
            throw new TinyGenException($"{RootVariable}='{root}' is not a CMSIS-NN checkout: Include/arm_nnfunctions.h or Source/ is missing");
        return new CmsisNnLibrary(full);
    }

    /// <summary>The int8 sources, sorted, as absolute paths.</summary>
    public IReadOnlyList<string> Sources() =>
        SourceFolders
            .Select(f => Path.Combine(Root, "Source", f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.c"))
            .Where(IsIntegerKernel)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsIntegerKernel(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        string[] otherTypes = ["_f16", "_f32", "_s4", "_s16"];
        // *_s8_s16 files are int8 kernels' int16 helpers (the DSP im2col), so they stay.
        var otherType = otherTypes.Any(t => name.EndsWith(t, StringComparison.Ordinal)) && !name.EndsWith("_s8_s16", StringComparison.Ordinal);
        string[] otherLayers = ["lstm", "svdf", "_flt"];
        return !otherType && !otherLayers.Any(l => name.Contains(l, StringComparison.Ordinal));
    }
}
