using TinyGen.Diagnostics;
using TinyGen.Emit;
using TinyGen.Inputs;
using TinyGen.Ir;
using TinyGen.Reference;

namespace TinyGen.Run;

/// <summary>
/// The proof of one compile: firmware outputs beside the reference interpreter's, and what the run cost.
/// <see cref="StackBytes"/> is the painted stack's measured high-water mark; <see cref="StaticStack"/> the bound
/// gcc's call graph gives for the whole program (so it must be at least the measured figure) and
/// <see cref="ModelStack"/> the part the model's invoke and its kernels need. Both are null for host runs.
/// </summary>
public sealed record VerificationResult(
    Compilation Compilation,
    IReadOnlyList<TensorData> Inputs,
    IReadOnlyList<TensorData> Firmware,
    IReadOnlyList<TensorData> Reference,
    long Instructions,
    long StackBytes,
    ImageSize Image,
    StackBound? StaticStack = null,
    StackBound? ModelStack = null)
{
    /// <summary>
    /// Instructions per op of <see cref="Compilation"/>'s lowered graph (same order as its Operations
    /// and the project's Calls), when the run asked for layer counts; otherwise empty.
    /// </summary>
    public IReadOnlyList<long> LayerInstructions { get; init; } = [];

    public bool Match => Firmware.Count == Reference.Count && Firmware.Zip(Reference).All(p => p.First.Type == p.Second.Type && p.First.Bytes.SequenceEqual(p.Second.Bytes));
    public long ArenaBytes => Compilation.Project.Plan.TotalBytes;

    /// <summary>Flash the image occupies: code, constants and initialized data.</summary>
    public long FlashBytes => Image.TextBytes + Image.DataBytes;
}

/// <summary>
/// Compiles a model with the harness, builds it for the board and runs it in QEMU (<see cref="Run"/>), or
/// builds the same project for this machine with AddressSanitizer and UBSan (<see cref="RunOnHost"/>), and
/// runs the reference interpreter on the same input. The caller decides what a mismatch means.
/// </summary>
public static class ModelVerification
{
    /// <summary>The preprocessor symbol that makes the generated invoke mark every layer for the harness.</summary>
    public const string LayerCountsDefine = "TG_LAYER_COUNTS";

    /// <param name="layerCounts">Build with TG_LAYER_COUNTS so the harness reports instructions per layer
    /// (a measurement build: the markers add a few instructions per layer to the total).</param>
    public static VerificationResult Run(string modelPath, CompileOptions options, string? inputFile = null, string? workFolder = null, int seed = 1,
        bool layerCounts = false)
    {
        var toolchain = Toolchain.Locate();
        return Verify(modelPath, options, inputFile, workFolder, seed, (compilation, files, work) =>
        {
            var target = FirmwareTarget.FromBoard(compilation.Board) with { Defines = layerCounts ? [LayerCountsDefine] : [] };
            QemuRunner.RequireMachine(target); // before anything is built
            var cmsisNn = options.Kernels == KernelLibrary.CmsisNn ? CmsisNnLibrary.Locate() : null;
            var build = new FirmwareBuilder(toolchain, FirmwareTree.Product()).Build(files, target, work, cmsisNn);
            var stacks = (build.ProgramStack, build.CallGraph.WorstPath(compilation.Project.SymbolPrefix + "_invoke"));
            return (new QemuRunner(toolchain).RunHarness(build.ElfPath, target), build.Size, stacks);
        });
    }

    /// <summary>
    /// The same project, kernels and harness built with the host gcc under -fsanitize=address,undefined and
    /// -fno-sanitize-recover: any memory error or undefined behaviour fails the run. No instruction count,
    /// stack figure or image size (all 0): the host proves the C, not the Arm build.
    /// </summary>
    public static VerificationResult RunOnHost(string modelPath, CompileOptions options, string? inputFile = null, string? workFolder = null, int seed = 1)
    {
        var tree = FirmwareTree.Product();
        var runner = HostRunner.TryCreate(tree, ObjectCache.Default(), out var whyNot) ?? throw new TinyGenException(whyNot!, ExitCodes.ToolError);
        return Verify(modelPath, options, inputFile, workFolder, seed, (_, files, work) =>
        {
            // The bare-metal harness, linker scripts and Makefile stay out: the host harness replaces them.
            var project = Path.Combine(work, "project");
            ProjectFiles.Write(files.Where(f => !f.RelativePath.StartsWith("harness/", StringComparison.Ordinal) &&
                                                !f.RelativePath.StartsWith("board/", StringComparison.Ordinal)), project);
            return (runner.Run(runner.Build(project, Path.Combine(work, "host"))), new ImageSize(0, 0, 0), null);
        });
    }

    private static VerificationResult Verify(string modelPath, CompileOptions options, string? inputFile, string? workFolder, int seed,
        Func<Compilation, IReadOnlyList<EmittedFile>, string, (FirmwareResult Result, ImageSize Size, (StackBound Program, StackBound Model)? Stacks)> buildAndRun)
    {
        var compilation = Compiler.Compile(modelPath, options with { IncludeHarness = true });
        var inputs = ModelInputs.Create(compilation.Lowered, inputFile, seed);
        var reference = Interpreter.Run(compilation.Lowered, inputs);
        var testInput = new EmittedFile(CEmitter.TestInputFileName, CEmitter.RenderTestInput(inputs.SelectMany(i => i.Bytes.ToArray()).ToArray()));

        var work = workFolder ?? Path.Combine(Path.GetTempPath(), "tinygen-run-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var (result, size, stacks) = buildAndRun(compilation, compilation.Project.Files.Add(testInput), work);
            if (result.Status != 0) throw new TinyGenException($"firmware: invoke returned status {result.Status}", ExitCodes.FirmwareError);
            var firmware = result.Outputs.OrderBy(o => o.Index).Select(o => o.Values).ToList();
            if (firmware.Count != reference.Count)
                throw new TinyGenException($"firmware printed {firmware.Count} outputs, the model has {reference.Count}", ExitCodes.FirmwareError);
            if (result.LayerInstructions.Count > 0 && result.LayerInstructions.Count != compilation.Project.Calls.Length)
                throw new TinyGenException($"firmware reported {result.LayerInstructions.Count} layer counts for {compilation.Project.Calls.Length} layers", ExitCodes.FirmwareError);
            return new VerificationResult(compilation, inputs, firmware, reference, result.Instructions, result.StackBytes, size,
                stacks?.Program, stacks?.Model)
            {
                LayerInstructions = result.LayerInstructions,
            };
        }
        finally
        {
            if (workFolder is null) TryDelete(work);
        }
    }

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
