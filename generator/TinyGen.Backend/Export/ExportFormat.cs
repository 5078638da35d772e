using TinyGen.Diagnostics;

namespace TinyGen.Export;

/// <summary>The project layouts 'compile' can write: TinyGen's own (Makefile), or one a build tool opens as is.</summary>
public enum ExportFormat
{
    /// <summary>The model, kernels, headers and a Makefile, side by side.</summary>
    Plain,
    /// <summary>CMakeLists.txt with a static library and the example firmware, an arm-none-eabi toolchain file, and Renode tests where Renode models the board.</summary>
    CMake,
    /// <summary>platformio.ini with an env for the board, the model as lib/&lt;model&gt;/ with library.json, and src/main.</summary>
    PlatformIO,
    /// <summary>An Arduino library: library.properties, flat src/, examples/&lt;model&gt;/&lt;model&gt;.ino.</summary>
    Arduino,
}

public static class ExportFormats
{
    public static readonly IReadOnlyList<string> Names = ["plain", "cmake", "platformio", "arduino"];

    public static ExportFormat Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "plain" => ExportFormat.Plain,
        "cmake" => ExportFormat.CMake,
        "platformio" or "pio" => ExportFormat.PlatformIO,
        "arduino" => ExportFormat.Arduino,
        _ => throw new TinyGenException($"unknown format '{text}'; choose one of: {string.Join(", ", Names)}"),
    };
}
