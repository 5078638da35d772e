using TinyGen.Emit;
using TinyGen.Ir;
using TinyGen.Passes;
using TinyGen.Reference;

namespace TinyGen.Tests.Backend;

/// <summary>
/// The ops the TFLite front end brings (TFLite-rounded Quantize, HardSwish, Logistic, Sub, Mean,
/// standalone Pad) as one hand-built NHWC graph in the form that front end imports: the lowering
/// passes keep every op, and the emitted C, built and run on the host, must equal the reference
/// interpreter byte for byte. The input holds exact ties (x / scale = k + 1/2),
/// which only TFLite's half-away-from-zero rounding sends upward for even k.
/// </summary>
public sealed class TfliteOpsHostTests
{
    private static Graph Chain()
    {
        static Tensor Int8(string name, int[] shape, float scale, int zeroPoint) => BackendTestGraphs.Int8(name, shape, scale, zeroPoint);
        var tensors = new List<Tensor>
        {
            new("x", ElementType.Float32, [1, 4, 4, 3]),
            Int8("q", [1, 4, 4, 3], 0.5f, -3),
            Int8("hs", [1, 4, 4, 3], 0.05f, -100),
            Int8("sig", [1, 4, 4, 3], 1f / 256, -128),
            Int8("diff", [1, 4, 4, 3], 0.06f, 10),
            Int8("mean", [1, 3], 0.003f, -50),
            Int8("padded", [1, 6], 0.003f, -50),
        };
        var ops = new Operation[]
        {
            new Quantize("quantize", "x", "q", QuantizeRounding.HalfAwayFromZero),
            new ElementwiseFunction("hard_swish", "q", "hs", UnaryFunction.HardSwish),
            new ElementwiseFunction("logistic", "hs", "sig", UnaryFunction.Logistic),
            new Binary("sub", BinaryKind.Sub, "sig", "q", "diff", FusedActivation.None),
            new Mean("mean", "diff", "mean", [1, 2], KeepDims: false),
            new Pad("pad", "mean", "padded", [0, 1, 0, 2], -9f),
        };
        return new Graph("tflite ops", tensors, ops, ["x"], ["padded", "q", "sig"]);
    }

    [Fact]
    public void Emitted_c_equals_the_reference_on_the_host()
    {
        Assert.True(HostCompiler.Available, "gcc is needed for this test");
        var graph = LoweringPipeline.Run(Chain());
        Assert.Equal(["Quantize", "HardSwish", "Logistic", "Sub", "Mean", "Pad"], graph.Operations.Select(o => o.Kind));
        var input = Enumerable.Range(0, 48).Select(i => (i - 24) * 0.25f).ToArray(); // x / 0.5 = (i - 24) / 2: every odd i is a tie
        var reference = Interpreter.Run(graph, [TensorData.FromFloats(input)]);
        // the portable board: this checks tg_elementwise_sub_s8 itself (DSP cores take the table kernel, FastElementwiseAddTests)
        var project = CEmitter.Emit(graph, BackendTestGraphs.PortableHostBoard, BackendTestGraphs.Options());
        var functions = project.Calls.SelectMany(c => c.Functions).ToHashSet();
        foreach (var expected in new[] { "tg_quantize_f32_s8_half_away", "tg_lut_s8", "tg_elementwise_sub_s8", "tg_mean_s8", "tg_pad_s8" })
            Assert.Contains(expected, functions);

        using var folder = new TempFolder();
        var dir = Path.Combine(folder.Path, "p");
        project.WriteTo(dir);
        File.WriteAllText(Path.Combine(dir, "main.c"), """
            #include <stdio.h>
            #include <string.h>
            #include "tflite_ops.h"
            static void print(const int8_t *v, int n)
            {
                for (int i = 0; i < n; ++i) printf("%d ", v[i]);
                printf("\n");
            }
            int main(void)
            {
                float x[48];
                for (int i = 0; i < 48; ++i) x[i] = (float)(i - 24) * 0.25f;
                memcpy(tg_tflite_ops_input(0), x, sizeof x);
                int status = tg_tflite_ops_invoke();
                printf("%d\n", status);
                print((const int8_t *)tg_tflite_ops_output(0), 6);
                print((const int8_t *)tg_tflite_ops_output(1), 48);
                print((const int8_t *)tg_tflite_ops_output(2), 48);
                return 0;
            }
            """);
        var sources = string.Join(' ', project.Files.Select(f => f.RelativePath).Where(p => p.EndsWith(".c", StringComparison.Ordinal)));
        var (code, output) = HostCompiler.Run("gcc", $"{HostCompiler.StrictFlags} -O2 -Iinclude {sources} main.c -o model_test", dir);
        Assert.True(code == 0, output);
        var (runCode, runOutput) = HostCompiler.Run(Path.Combine(dir, "model_test"), "", dir);
        Assert.Equal(0, runCode);

        var expectedText = string.Join("\n", new[] { "0" }.Concat(reference.Select(r => string.Join(" ", r.ToInt8()))));
        Assert.Equal(expectedText, string.Join("\n", runOutput.Trim().Split('\n').Select(l => l.Trim())));
        // the ties went away from zero: x = 0.25 -> 0.5 -> 1 (half to even would give 0), x = -0.75 -> -1.5 -> -2
        var q = reference[1].ToInt8();
        Assert.Equal((-3 + 1, -3 - 2), (q[25], q[21]));
    }
}
