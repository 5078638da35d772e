using TinyGen.Emit;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Ir;
using TinyGen.Planning;
using TinyGen.Run;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// Runs a model through <see cref="ModelVerification"/> (compile, gcc, QEMU, reference interpreter)
/// in a private temp folder that is deleted afterwards, and asserts the firmware's outputs equal the
/// reference interpreter's byte for byte, printing the first differing elements when they do not.
/// </summary>
internal static class FirmwareCheck
{
    public static VerificationResult Verify(GeneratedModel model, string name, string board, ITestOutputHelper output, int seed = 1,
                                            PlannerOptions? planner = null, Action<VerificationResult, string>? inspectBuild = null,
                                            KernelLibrary kernels = KernelLibrary.TinyGen) =>
        InTempFolder(folder =>
        {
            var path = Path.Combine(folder, Sanitize(name) + ".onnx");
            File.WriteAllBytes(path, model.Onnx);
            var build = Path.Combine(folder, "build");
            var result = VerifyFile(path, board, output, inputFile: null, seed, build, planner, kernels);
            inspectBuild?.Invoke(result, build);
            return result;
        });

    public static VerificationResult VerifyFile(string modelPath, string board, ITestOutputHelper output, string? inputFile, int seed, string? workFolder = null,
                                                PlannerOptions? planner = null, KernelLibrary kernels = KernelLibrary.TinyGen)
    {
        var result = ModelVerification.Run(modelPath, new CompileOptions { Board = board, Planner = planner ?? PlannerOptions.Default, Kernels = kernels }, inputFile, workFolder, seed);
        output.WriteLine($"{Path.GetFileName(modelPath)} on {board}: {result.Instructions:N0} instructions, stack {result.StackBytes} B " +
                         $"(static bound {result.StaticStack}; model {result.ModelStack}), arena {result.ArenaBytes} B, flash {result.FlashBytes} B");
        AssertBitExact(result, output);
        AssertStaticStackCoversMeasured(result);
        return result;
    }

    public static void AssertBitExact(VerificationResult result, ITestOutputHelper output)
    {
        Assert.Equal(result.Reference.Count, result.Firmware.Count);
        for (var i = 0; i < result.Reference.Count; i++)
        {
            var expected = result.Reference[i];
            var actual = result.Firmware[i];
            output.WriteLine($"output {i}: {expected.Type.DisplayName()} x{expected.Length}, {Distinct(expected)} distinct reference values");
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.Length, actual.Length);
            if (expected.Bytes.SequenceEqual(actual.Bytes)) continue;

            var e = expected.ToDoubles();
            var a = actual.ToDoubles();
            var differing = Enumerable.Range(0, e.Length).Where(k => !e[k].Equals(a[k])).ToList();
            var first = string.Join(", ", differing.Take(8).Select(k => $"[{k}] reference {e[k]} firmware {a[k]}"));
            Assert.Fail($"output {i}: {differing.Count} of {e.Length} elements differ; first: {first}");
        }
        Assert.True(result.Match);
    }

    /// <summary>The call-graph bound is a true bound: at least the painted stack's high-water mark, and the model's part is in it.</summary>
    public static void AssertStaticStackCoversMeasured(VerificationResult result)
    {
        var program = Assert.IsType<StackBound>(result.StaticStack);
        var model = Assert.IsType<StackBound>(result.ModelStack);
        Assert.True(program.Bounded, $"static stack is no bound: {program}");
        Assert.True(model.Bounded, $"model stack: {model}"); // 0 is right for an invoke that only aliases (a reshape)
        Assert.True(program.Bytes >= result.StackBytes, $"static bound {program} is below the measured {result.StackBytes} bytes");
        Assert.True(program.Bytes >= model.Bytes, $"program bound {program} below the model's {model}");
    }

    public static int Distinct(TensorData data) => data.ToDoubles().Distinct().Count();

    private static T InTempFolder<T>(Func<string, T> body)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tinygen-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            return body(folder);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
