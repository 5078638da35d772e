using TinyGen.Diagnostics;
using TinyGen.Emit;
using TinyGen.Inputs;
using TinyGen.Ir;
using TinyGen.Reference;

namespace TinyGen.Run;

/// <summary>The proof of one compile: firmware outputs beside the reference interpreter's, and what the run cost.</summary>
public sealed record VerificationResult(
    Compilation Compilation,
    IReadOnlyList<TensorData> Inputs,
    IReadOnlyList<TensorData> Firmware,
    IReadOnlyList<TensorData> Reference,
    long Instructions,
    long StackBytes,
    ImageSize Image)
{
    public bool Match => Firmware.Count == Reference.Count && Firmware.Zip(Reference).All(p => p.First.Type == p.Second.Type && p.First.Bytes.SequenceEqual(p.Second.Bytes));
    public long ArenaBytes => Compilation.Project.Plan.TotalBytes;

    /// <summary>Flash the image occupies: code, constants and initialized data.</summary>
    public long FlashBytes => Image.TextBytes + Image.DataBytes;
}

/// <summary>
/// Compiles a model with the harness, builds it for the board, runs it in QEMU and runs the
/// reference interpreter on the same input. The caller decides what a mismatch means.
/// </summary>
public static class ModelVerification
{
    public static VerificationResult Run(string modelPath, CompileOptions options, string? inputFile = null, string? workFolder = null, int seed = 1)
    {
        var toolchain = Toolchain.Locate();
        var compilation = Compiler.Compile(modelPath, options with { IncludeHarness = true });
        QemuRunner.RequireMachine(FirmwareTarget.FromBoard(compilation.Board));
        var inputs = ModelInputs.Create(compilation.Lowered, inputFile, seed);
        var reference = Interpreter.Run(compilation.Lowered, inputs);
        var testInput = new EmittedFile(CEmitter.TestInputFileName, CEmitter.RenderTestInput(inputs.SelectMany(i => i.Bytes.ToArray()).ToArray()));

        var work = workFolder ?? Path.Combine(Path.GetTempPath(), "tinygen-run-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var target = FirmwareTarget.FromBoard(compilation.Board);
            var build = new FirmwareBuilder(toolchain, FirmwareTree.Product()).Build(compilation.Project.Files.Add(testInput), target, work);
            var result = new QemuRunner(toolchain).RunHarness(build.ElfPath, target);
            if (result.Status != 0) throw new TinyGenException($"firmware: invoke returned status {result.Status}", ExitCodes.FirmwareError);
            var firmware = result.Outputs.OrderBy(o => o.Index).Select(o => o.Values).ToList();
            if (firmware.Count != reference.Count)
                throw new TinyGenException($"firmware printed {firmware.Count} outputs, the model has {reference.Count}", ExitCodes.FirmwareError);
            return new VerificationResult(compilation, inputs, firmware, reference, result.Instructions, result.StackBytes, build.Size);
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
