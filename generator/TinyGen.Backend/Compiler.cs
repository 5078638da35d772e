using TinyGen.Boards;
using TinyGen.Diagnostics;
using TinyGen.Emit;
using TinyGen.Frontends.Onnx;
using TinyGen.Frontends.Tflite;
using TinyGen.Ir;
using TinyGen.Lowering;
using TinyGen.Passes;
using TinyGen.Planning.Patching;
using TinyGen.Planning;

namespace TinyGen;

/// <summary>What a compile is asked to do; everything has a default a new user would expect.</summary>
public sealed record CompileOptions
{
    public string Board { get; init; } = "mps2-an386";
    /// <summary>The C name of the model (sanitized); defaults to the file name.</summary>
    public string? ModelName { get; init; }
    /// <summary>Also emit the test harness and its glue, for a firmware run (the caller adds the test input).</summary>
    public bool IncludeHarness { get; init; }
    /// <summary>Patch-based inference: off (layer by layer), auto (searched) or a given split and tiles per side.</summary>
    public PatchRequest Patch { get; init; } = PatchRequest.Off;
    /// <summary>SRAM the model may use (arena + stack); the board's budget when null.</summary>
    public ulong? SramBudget { get; init; }
    /// <summary>What --patch auto optimizes among the plans that fit the SRAM budget.</summary>
    public PatchObjective Objective { get; init; } = PatchObjective.FewestMacs;
    /// <summary>The patch stage pulls its input windows through tg_&lt;model&gt;_read_input; the input is not in the arena.</summary>
    public bool InputCallback { get; init; }
    /// <summary>Arena alignment, in-place kernels and reordering (see <see cref="MemoryPlanner"/>).</summary>
    public PlannerOptions Planner { get; init; } = PlannerOptions.Default;
    /// <summary>Whose kernels the emitted calls use (CMSIS-NN needs a checkout to build, see TinyGen.Run.CmsisNnLibrary).</summary>
    public KernelLibrary Kernels { get; init; } = KernelLibrary.TinyGen;
}

/// <summary>The stages' results for one model: the imported and lowered graphs, the board and the emitted project.</summary>
public sealed record Compilation(string ModelPath, Graph Imported, Graph Lowered, Board Board, EmittedProject Project)
{
    /// <summary>The plans weighed for patch-based inference and the one taken; null when patching was off.</summary>
    public PatchSearchResult? Patching { get; init; }

    /// <summary>The SRAM budget the compile was held to.</summary>
    public ulong SramBudget { get; init; }

    /// <summary>Arena plus the board's stack reservation: the SRAM the model needs at run time.</summary>
    public long SramBytes => Project.Plan.TotalBytes + (long)Board.StackSize;
}

/// <summary>
/// The one entry point that runs the stages in order: import, lowering passes, planning and
/// emission (the emitter plans). The CLI, the benchmarks and the tests all come through here.
/// </summary>
public static class Compiler
{
    public static Graph Import(string modelPath)
    {
        if (!File.Exists(modelPath)) throw new TinyGenException($"model file '{modelPath}' does not exist");
        // TFLite files say what they are (the FlatBuffers identifier "TFL3"); ONNX files do not
        if (HasTfliteIdentifier(modelPath)) return TfliteImporter.Import(modelPath);
        return Path.GetExtension(modelPath).ToLowerInvariant() switch
        {
            ".onnx" => OnnxImporter.Import(modelPath),
            ".tflite" => TfliteImporter.Import(modelPath),
            var other => throw new TinyGenException($"'{modelPath}': unknown model format '{other}' (expected .onnx or .tflite)"),
        };
    }

    private static bool HasTfliteIdentifier(string modelPath)
    {
        try
        {
            using var stream = File.OpenRead(modelPath);
            Span<byte> head = stackalloc byte[8];
            return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && TfliteImporter.HasTfliteIdentifier(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TinyGenException($"cannot read '{modelPath}': {e.Message}", inner: e);
        }
    }

    public static Graph Lower(Graph imported) => LoweringPipeline.Run(imported);

    public static Compilation Compile(string modelPath, CompileOptions options)
    {
        var board = BoardCatalog.Default().Get(options.Board);
        var imported = Import(modelPath);
        var lowered = Lower(imported);
        var sram = options.SramBudget ?? board.Budget.Sram;
        var patching = PlanPatches(lowered, options, (long)sram - (long)board.StackSize, board);
        var project = CEmitter.Emit(lowered, board, new EmitOptions
        {
            ModelName = options.ModelName ?? Path.GetFileNameWithoutExtension(modelPath),
            IncludeHarness = options.IncludeHarness,
            Patch = patching?.Chosen.Geometry,
            InputCallback = options.InputCallback,
            Planner = patching?.Chosen.Geometry is { } geometry
                ? new PatchedArenaPlanner(geometry, inputInArena: !options.InputCallback, PlannerFor(options))
                : new MemoryPlanner(PlannerFor(options)),
            Kernels = options.Kernels,
        });
        var compilation = new Compilation(modelPath, imported, lowered, board, project) { Patching = patching, SramBudget = sram };
        CheckBudget(compilation);
        return compilation;
    }

    /// <summary>The search for a patch stage when one is asked for (null when patching is off).</summary>
    public static PatchSearchResult? PlanPatches(Graph lowered, CompileOptions options, long arenaBudget, Board board)
    {
        if (options.Patch.Mode == PatchMode.Off)
        {
            if (options.InputCallback)
                throw new TinyGenException("--input-callback needs a patch stage: use --patch auto or --patch SPLIT:P");
            return null;
        }
        // Planned with the calls and options the emitter will use, so the arena searched is the arena linked.
        var core = options.Kernels == KernelLibrary.CmsisNn ? TargetCore.Portable : TargetCore.Of(board);
        return PatchSearch.Run(lowered, options.Patch, arenaBudget, options.InputCallback, options.Objective, PlannerFor(options), core);
    }

    /// <summary>
    /// CMSIS-NN's kernels never overwrite their input, and the in-place variants are ours: with
    /// --kernels cmsis-nn the planner keeps every op on its regular kernel, so CMSIS-NN runs them.
    /// </summary>
    private static PlannerOptions PlannerFor(CompileOptions options) =>
        options.Kernels == KernelLibrary.CmsisNn ? options.Planner with { OptionalInPlace = InPlacePolicy.Never } : options.Planner;

    /// <summary>A model that cannot fit the board fails at compile time, with the numbers.</summary>
    private static void CheckBudget(Compilation c)
    {
        var budget = c.Board.Budget;
        if ((ulong)c.SramBytes > c.SramBudget)
            throw new TinyGenException(
                $"model needs {c.SramBytes:N0} bytes of SRAM (arena {c.Project.Plan.TotalBytes:N0} + stack {c.Board.StackSize:N0}) but " +
                (c.SramBudget == budget.Sram ? $"board {c.Board.Name} has {budget.Sram:N0}" : $"the SRAM budget is {c.SramBudget:N0}"));
        if ((ulong)c.Project.WeightFlashBytes > budget.Flash)
            throw new TinyGenException(
                $"model needs {c.Project.WeightFlashBytes:N0} bytes of flash for its weights alone but board {c.Board.Name} has {budget.Flash:N0}");
    }
}
