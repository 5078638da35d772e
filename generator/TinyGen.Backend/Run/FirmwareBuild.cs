namespace TinyGen.Run;

/// <summary>A linked firmware image and what it costs.</summary>
/// <param name="ElfPath">app.elf, ready for <see cref="QemuRunner"/>.</param>
/// <param name="Size">Flash and static-RAM use from arm-none-eabi-size.</param>
/// <param name="LargestFrame">The largest single stack frame from -fstack-usage (information only).</param>
/// <param name="CallGraph">Every unit's call graph with frames (-fcallgraph-info=su), for static stack bounds.</param>
/// <param name="Compile">How many units were compiled and how many restored from the object cache.</param>
public sealed record FirmwareBuild(string ElfPath, ImageSize Size, StackUsage LargestFrame, CallGraph CallGraph, CCompiler.Summary Compile)
{
    /// <summary>The function the reset handler branches to; the program's stack need is counted from it.</summary>
    public const string EntryFunction = "tg_reset_c";

    /// <summary>What the whole program may need: the deepest chain from reset, plus the deepest interrupt on top.</summary>
    public StackBound ProgramStack => CallGraph.ProgramBound(EntryFunction);
}
