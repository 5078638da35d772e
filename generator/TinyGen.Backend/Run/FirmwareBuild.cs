namespace TinyGen.Run;

/// <summary>A linked firmware image and what it costs.</summary>
/// <param name="ElfPath">app.elf, ready for <see cref="QemuRunner"/>.</param>
/// <param name="Size">Flash and static-RAM use from arm-none-eabi-size.</param>
/// <param name="LargestFrame">The largest single stack frame from -fstack-usage (information only).</param>
/// <param name="Compile">How many units were compiled and how many restored from the object cache.</param>
public sealed record FirmwareBuild(string ElfPath, ImageSize Size, StackUsage LargestFrame, CCompiler.Summary Compile);
