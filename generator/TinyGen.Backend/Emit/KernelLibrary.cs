using TinyGen.Diagnostics;

namespace TinyGen.Emit;

/// <summary>
/// Whose kernels the emitted code calls. <see cref="CmsisNn"/> calls Arm's CMSIS-NN arm_*_s8 functions
/// for the ops it has (convolution, depthwise, fully connected, pooling, softmax, unbroadcast add and
/// mul) and TinyGen's own kernels for the rest; the firmware is then built against a CMSIS-NN checkout
/// (see TinyGen.Run.CmsisNnLibrary).
/// </summary>
public enum KernelLibrary
{
    TinyGen,
    CmsisNn,
}

public static class KernelLibraries
{
    /// <summary>The names the command line takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tinygen", "cmsis-nn"];

    public static string Name(this KernelLibrary library) => library switch
    {
        KernelLibrary.TinyGen => "tinygen",
        KernelLibrary.CmsisNn => "cmsis-nn",
        _ => throw new ArgumentOutOfRangeException(nameof(library), library, null),
    };

    public static KernelLibrary Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "tinygen" => KernelLibrary.TinyGen,
        "cmsis-nn" or "cmsisnn" or "cmsis_nn" => KernelLibrary.CmsisNn,
        _ => throw new TinyGenException($"unknown kernel library '{name}'; expected one of: {string.Join(", ", Names)}"),
    };
}
