using TinyGen.Planning;

namespace TinyGen.Emit;

/// <summary>
/// What to emit besides the model itself. <see cref="IncludeHarness"/> makes a test/run build: the
/// generic harness from firmware/harness, the glue that exposes the model to it, and a Makefile
/// that links a firmware ELF for the board (the runner adds tg_test_input.c, see
/// <see cref="CEmitter.RenderTestInput(byte[])"/>, or passes <see cref="TestInput"/>).
/// </summary>
public sealed record EmitOptions
{
    /// <summary>Overrides the graph's name as the source of the C symbol stem.</summary>
    public string? ModelName { get; init; }

    public bool IncludeHarness { get; init; }

    /// <summary>When set (test builds), tg_test_input.c with these bytes is part of the project.</summary>
    public ReadOnlyMemory<byte>? TestInput { get; init; }

    /// <summary>The arena strategy; a <see cref="MemoryPlanner"/> with default options when null.</summary>
    public IArenaPlanner? Planner { get; init; }

    /// <summary>When set, the graph's first ops run as this per-patch stage, tile by tile (and the arena is planned for it unless <see cref="Planner"/> is set).</summary>
    public Planning.Patching.TileGeometry? Patch { get; init; }

    /// <summary>With <see cref="Patch"/>: the model input is not in the arena; the stage pulls each tile's window through tg_&lt;model&gt;_read_input.</summary>
    public bool InputCallback { get; init; }

    /// <summary>Overrides for the product folders (tests, custom installs); <see cref="Boards.ProductPaths"/> when null.</summary>
    public string? TemplatesDirectory { get; init; }
    public string? FirmwareDirectory { get; init; }

    /// <summary>Whose kernels the model's calls use; TinyGen's own unless CMSIS-NN is asked for.</summary>
    public KernelLibrary Kernels { get; init; } = KernelLibrary.TinyGen;

    public static EmitOptions Default { get; } = new();
}
