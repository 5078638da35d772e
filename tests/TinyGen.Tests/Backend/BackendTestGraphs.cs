using System.Collections.Immutable;
using TinyGen.Boards;
using TinyGen.Emit;
using TinyGen.Ir;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Backend;

/// <summary>Hand-built lowered graphs and the product folders of this checkout for the backend tests.</summary>
internal static class BackendTestGraphs
{
    public static string Templates => Path.Combine(TestPaths.RepoRoot, "templates");
    public static string Firmware => Path.Combine(TestPaths.RepoRoot, "firmware");
    public static string Boards => Path.Combine(TestPaths.RepoRoot, "boards");

    public static EmitOptions Options(bool harness = false) =>
        new() { TemplatesDirectory = Templates, FirmwareDirectory = Firmware, IncludeHarness = harness };

    /// <summary>A board that needs no YAML (the emitter only reads flags and names from it unless the harness is included).</summary>
    public static Board HostBoard => new(
        "test-board", "a board for tests", "cortex-m4", Fpu: true, Dsp: true, Mve: false,
        ["-mcpu=cortex-m4", "-mthumb"], 25_000_000, 0x40004000,
        new BoardMemory(0, 1 << 20, 0x20000000, 1 << 18), new BoardBudget(1 << 20, 1 << 18),
        "test.ld", new QemuTarget("mps2-an386", null), 4096, Path.Combine(Path.GetTempPath(), "test-board.yaml"));

    /// <summary>The host test board without the DSP extension: kernel choice keeps the portable kernels.</summary>
    public static Board PortableHostBoard => HostBoard with { Core = "cortex-m3", Dsp = false, CFlags = ["-mcpu=cortex-m3", "-mthumb"] };

    public static Tensor Int8(string name, int[] shape, float scale, int zeroPoint) =>
        new(name, ElementType.Int8, [.. shape], Quantization.PerTensor(scale, zeroPoint));

    public static Tensor Int8Constant(string name, int[] shape, sbyte[] values, float[] scales, int axis) =>
        new(name, ElementType.Int8, [.. shape],
            new Quantization([.. scales], [.. Enumerable.Repeat(0, scales.Length)], axis),
            TensorData.FromInt8(values));

    public static Tensor Int32Constant(string name, int[] values) =>
        new(name, ElementType.Int32, [values.Length], Quantization.PerTensor(1f, 0), TensorData.FromInt32(values));

    /// <summary>
    /// float [1,4,4,2] → Quantize → Conv2D 3x3 pad 1, 3 channels, per-channel, ReLU → Reshape [1,48]
    /// → FullyConnected 48→5 → Dequantize → float [1,5]. Names are passed in so tests can make them hostile.
    /// </summary>
    public static Graph ConvFc(string modelName = "conv_fc", Func<string, string>? rename = null)
    {
        var n = rename ?? (s => s);
        var convWeights = Enumerable.Range(0, 3 * 3 * 3 * 2).Select(i => (sbyte)((i * 37 % 255) - 127)).ToArray();
        var fcWeights = Enumerable.Range(0, 5 * 48).Select(i => (sbyte)((i * 53 % 251) - 125)).ToArray();
        var tensors = new List<Tensor>
        {
            new(n("input"), ElementType.Float32, [1, 4, 4, 2]),
            Int8(n("input_q"), [1, 4, 4, 2], 0.02f, -3),
            Int8Constant(n("conv_w"), [3, 3, 3, 2], convWeights, [0.01f, 0.02f, 0.015f], 0),
            Int32Constant(n("conv_b"), [100, -200, 300]),
            Int8(n("conv_out"), [1, 4, 4, 3], 0.05f, -128),
            Int8(n("flat"), [1, 48], 0.05f, -128),
            Int8Constant(n("fc_w"), [5, 48], fcWeights, [0.004f], -1),
            Int32Constant(n("fc_b"), [7, -7, 70, -70, 0]),
            Int8(n("fc_out"), [1, 5], 0.1f, 4),
            new(n("output"), ElementType.Float32, [1, 5]),
        };
        var ops = new Operation[]
        {
            new Quantize(n("quantize"), n("input"), n("input_q")),
            new Conv2D(n("conv"), n("input_q"), n("conv_w"), n("conv_b"), n("conv_out"),
                new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), 1, FusedActivation.Relu, Layout.Nhwc),
            new Reshape(n("flatten"), n("conv_out"), n("flat"), new ReshapeRule.Given()),
            new FullyConnected(n("fc"), n("flat"), n("fc_w"), n("fc_b"), n("fc_out"), FusedActivation.None),
            new Dequantize(n("dequantize"), n("fc_out"), n("output")),
        };
        return new Graph(modelName, tensors, ops, [n("input")], [n("output")]);
    }

    /// <summary>
    /// One of every other kernel: uint8 input → convert → max/avg pool, depthwise conv, add with a
    /// constant per-channel vector, mul, requantize, concat, clamp, int8 transpose, reshape, softmax,
    /// int8 → uint8 (exact and rescaled); and a float transpose on a second input.
    /// </summary>
    public static Graph AllKernels()
    {
        var u8 = (string n, int[] shape, float s, int z) => new Tensor(n, ElementType.UInt8, [.. shape], Quantization.PerTensor(s, z));
        var tensors = new List<Tensor>
        {
            u8("u", [1, 4, 4, 4], 0.1f, 128),
            Int8("x", [1, 4, 4, 4], 0.1f, 0),
            Int8("mp", [1, 2, 2, 4], 0.1f, 0),
            Int8("ap", [1, 2, 2, 4], 0.1f, 0),
            Int8Constant("dw_w", [1, 3, 3, 4], Enumerable.Range(0, 36).Select(i => (sbyte)(i - 18)).ToArray(), [0.01f, 0.02f, 0.03f, 0.04f], 3),
            Int8("dw", [1, 4, 4, 4], 0.05f, 2),
            new("vec", ElementType.Int8, [4], Quantization.PerTensor(0.1f, 0), TensorData.FromInt8([1, -2, 3, -4])),
            Int8("sum", [1, 2, 2, 4], 0.2f, 0),
            Int8("prod", [1, 2, 2, 4], 0.3f, -1),
            Int8("prod_rq", [1, 2, 2, 4], 0.2f, 0),
            Int8("cat", [1, 2, 2, 8], 0.2f, 0),
            Int8("relu", [1, 2, 2, 8], 0.2f, 0),
            Int8("tr", [1, 8, 2, 2], 0.2f, 0),
            Int8("flat", [1, 32], 0.2f, 0),
            Int8("sm", [1, 32], 1f / 256, -128),
            u8("sm_u8", [1, 32], 1f / 256, 0),
            u8("sm_u8b", [1, 32], 1f / 128, 10),
            new("f", ElementType.Float32, [1, 2, 3]),
            new("ft", ElementType.Float32, [1, 3, 2]),
        };
        var ops = new Operation[]
        {
            new Quantize("to_int8", "u", "x"),
            new Pool2D("maxpool", PoolKind.Max, "x", "mp", new Window2D(2, 2, 2, 2), false, FusedActivation.None, Layout.Nhwc),
            new Pool2D("avgpool", PoolKind.Average, "x", "ap", new Window2D(2, 2, 2, 2), false, FusedActivation.None, Layout.Nhwc),
            new Conv2D("depthwise", "x", "dw_w", null, "dw", new Window2D(3, 3, Padding: new Padding2D(1, 1, 1, 1)), 4, FusedActivation.Relu6, Layout.Nhwc),
            new Binary("add", BinaryKind.Add, "mp", "vec", "sum", FusedActivation.None),
            new Binary("mul", BinaryKind.Mul, "sum", "ap", "prod", FusedActivation.None),
            new Quantize("rescale", "prod", "prod_rq"),
            new Concat("concat", ["prod_rq", "sum"], "cat", 3),
            new Activation("relu", "cat", "relu", FusedActivation.Relu),
            new Transpose("to_nchw", "relu", "tr", [0, 3, 1, 2]),
            new Reshape("flatten", "tr", "flat", new ReshapeRule.Given()),
            new Softmax("softmax", "flat", "sm", 1),
            new Quantize("to_uint8", "sm", "sm_u8"),
            new Quantize("to_uint8_rescaled", "sm", "sm_u8b"),
            new Transpose("float_transpose", "f", "ft", [0, 2, 1]),
        };
        return new Graph("all kernels", tensors, ops, ["u", "f"], ["sm", "sm_u8", "sm_u8b", "ft", "dw"]);
    }
}
