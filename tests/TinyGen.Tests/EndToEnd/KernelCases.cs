using TinyGen.Frontends.Onnx.Building;

namespace TinyGen.Tests.EndToEnd;

/// <summary>One single-op model to run on one board; <see cref="Name"/> says everything that varies.</summary>
public sealed record KernelCase(string Name, string Board, Func<GeneratedModel> Build);

/// <summary>
/// The single-op models the bit-exactness suite runs: every kernel, both ONNX forms, int8 and uint8
/// activations, typical, tiny and huge requantization multipliers, mostly on the Cortex-M4 board and a
/// few on the M3 (no DSP) and M55 (MVE) boards. Convolution shapes are drawn from a fixed seed, so the
/// set is random-looking but the same on every run; a failing case name reproduces it exactly.
/// The count is bounded (81 QEMU runs, about 30 s with a warm object cache) to keep the suite within CI time.
/// </summary>
public static class KernelCases
{
    public const string M4 = "mps2-an386";
    public const string M3 = "mps2-an385";
    public const string M55 = "mps3-an547";

    private const int ShapeSeed = 20_240_611;

    private static readonly Lazy<IReadOnlyDictionary<string, KernelCase>> all = new(() =>
        Create().ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, KernelCase> All => all.Value;

    public static TheoryData<string> Names(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)) data.Add(name);
        return data;
    }

    private static IEnumerable<KernelCase> Create() =>
        [.. RandomConvolutions(), .. Depthwise(), .. FullyConnected(), .. Binary(), .. Pools(), .. SoftmaxAndConcat(), .. Shaping(), .. Chains(), .. InPlace(), .. TfliteOps()];

    private static QuantOptions Options(QuantForm form, ActivationDataType activations, MultiplierRange multipliers = MultiplierRange.Typical) =>
        new() { Form = form, Activations = activations, Multipliers = multipliers };

    private static string Describe(QuantOptions o) =>
        $"{(o.Form == QuantForm.Qdq ? "qdq" : "qop")}_{(o.Activations == ActivationDataType.Int8 ? "i8" : "u8")}" +
        (o.Multipliers == MultiplierRange.Typical ? "" : "_" + o.Multipliers.ToString().ToLowerInvariant()) +
        (o.ClampInsideRange ? "_clampin" : "");

    private static string Shape(int[] shape) => string.Join("x", shape);

    private static string Pads(Padding2D p) =>
        p.AutoPad?.ToLowerInvariant() ?? $"p{p.Top}{p.Left}{p.Bottom}{p.Right}";

    /// <summary>
    /// 16 convolutions with seeded shapes: odd channel counts, kernels 1/3/5/7 (not always square),
    /// strides 1/2, explicit or SAME/VALID padding, dilation 2, per-channel or per-tensor weights,
    /// optional bias and a fused Relu/Relu6. Forms, types and multiplier ranges rotate over the cases.
    /// </summary>
    private static IEnumerable<KernelCase> RandomConvolutions()
    {
        var random = new Random(ShapeSeed);
        T Pick<T>(params T[] items) => items[random.Next(items.Length)];
        for (var i = 0; i < 16; i++)
        {
            var cin = Pick(1, 3, 5, 7);
            var cout = Pick(1, 3, 5, 7, 8, 16);
            var kh = Pick(1, 3, 5, 7);
            var kw = random.Next(3) == 0 ? Pick(1, 3, 5) : kh;
            var stride = Pick(1, 2);
            // Every fourth case dilated, and always at least one 3x3 dilated case.
            var dilation = i % 4 == 1 || (kh > 1 && random.Next(5) == 0) ? 2 : 1;
            if (i % 4 == 1) (kh, kw) = (3, 3);
            int effH = (kh - 1) * dilation + 1, effW = (kw - 1) * dilation + 1;
            var pads = random.Next(4) switch
            {
                0 => Padding2D.Explicit(random.Next(effH / 2 + 1), random.Next(effW / 2 + 1), random.Next(effH / 2 + 1), random.Next(effW / 2 + 1)),
                1 => Padding2D.SameUpper,
                2 => Padding2D.SameLower,
                _ => Padding2D.None,
            };
            int[] input = [1, cin, effH + random.Next(0, 9), effW + random.Next(0, 9)];
            var activation = Pick(ConvActivation.None, ConvActivation.Relu, ConvActivation.Relu6);
            var perChannel = random.Next(3) != 0;
            var bias = random.Next(6) != 0;
            var options = Options(
                i % 2 == 0 ? QuantForm.Qdq : QuantForm.QOperator,
                i / 2 % 2 == 0 ? ActivationDataType.Int8 : ActivationDataType.UInt8,
                (i % 5) switch { 3 => MultiplierRange.Tiny, 4 => MultiplierRange.Huge, _ => MultiplierRange.Typical });
            if (options.Form == QuantForm.Qdq && activation != ConvActivation.None && i % 3 == 0) options = options with { ClampInsideRange = true };
            var board = (i % 8) switch { 5 => M3, 6 => M55, _ => M4 };
            var spec = new ConvSpec(input, cout)
            {
                Kernel = (kh, kw),
                Stride = (stride, stride),
                Dilation = (dilation, dilation),
                Pads = pads,
                PerChannel = perChannel,
                Bias = bias,
                Activation = activation,
                Seed = 100 + i,
            };
            var name = $"conv{i:D2}_{Shape(input)}_to{cout}_k{kh}x{kw}_s{stride}_d{dilation}_{Pads(pads)}_" +
                       $"{(perChannel ? "pc" : "pt")}{(bias ? "" : "_nobias")}_{activation.ToString().ToLowerInvariant()}_{Describe(options)}_{board}";
            yield return new KernelCase(name, board, () => QuantizedOpModels.Conv(spec, options));
        }
    }

    private static IEnumerable<KernelCase> Depthwise()
    {
        (int[] Input, int Multiplier, int Kernel, int Stride, Padding2D Pads, ConvActivation Act, bool PerChannel, QuantOptions Options, string Board)[] cases =
        [
            ([1, 3, 9, 9], 1, 3, 1, Padding2D.Symmetric(1, 1), ConvActivation.Relu, true, Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            ([1, 5, 10, 7], 2, 3, 2, Padding2D.SameUpper, ConvActivation.None, true, Options(QuantForm.QOperator, ActivationDataType.Int8), M4),
            ([1, 7, 11, 11], 1, 5, 2, Padding2D.Explicit(2, 1, 1, 2), ConvActivation.Relu6, false, Options(QuantForm.Qdq, ActivationDataType.UInt8), M4),
            ([1, 8, 8, 8], 2, 3, 1, Padding2D.None, ConvActivation.None, true, Options(QuantForm.QOperator, ActivationDataType.UInt8, MultiplierRange.Tiny), M4),
            ([1, 16, 7, 6], 1, 3, 1, Padding2D.Symmetric(1, 1), ConvActivation.Relu, true, Options(QuantForm.Qdq, ActivationDataType.Int8, MultiplierRange.Huge), M55),
            ([1, 4, 9, 5], 1, 7, 1, Padding2D.SameLower, ConvActivation.None, true, Options(QuantForm.Qdq, ActivationDataType.Int8), M3),
        ];
        for (var i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            var spec = ConvSpec.Depthwise(c.Input, c.Multiplier) with
            {
                Kernel = (c.Kernel, c.Kernel), Stride = (c.Stride, c.Stride), Pads = c.Pads, Activation = c.Act, PerChannel = c.PerChannel, Seed = 200 + i,
            };
            var name = $"depthwise{i}_{Shape(c.Input)}_m{c.Multiplier}_k{c.Kernel}_s{c.Stride}_{Pads(c.Pads)}_{(c.PerChannel ? "pc" : "pt")}_" +
                       $"{c.Act.ToString().ToLowerInvariant()}_{Describe(c.Options)}_{c.Board}";
            yield return new KernelCase(name, c.Board, () => QuantizedOpModels.Conv(spec, c.Options));
        }
    }

    private static IEnumerable<KernelCase> FullyConnected()
    {
        (FullyConnectedSpec Spec, QuantOptions Options, string Board)[] cases =
        [
            (new FullyConnectedSpec(37, 11) { Op = FullyConnectedOp.Gemm, TransB = true }, Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            (new FullyConnectedSpec(24, 9) { Op = FullyConnectedOp.Gemm, TransB = false, PerChannel = true, Activation = ConvActivation.Relu }, Options(QuantForm.Qdq, ActivationDataType.UInt8), M4),
            (new FullyConnectedSpec(33, 7) { Op = FullyConnectedOp.MatMul }, Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            // Not Tiny: QOperator writes the bias as a QLinearAdd after the QLinearMatMul, whose tiny-multiplier product collapses to one value.
            (new FullyConnectedSpec(19, 13) { Op = FullyConnectedOp.MatMul }, Options(QuantForm.QOperator, ActivationDataType.Int8), M4),
            (new FullyConnectedSpec(40, 5) { Op = FullyConnectedOp.Gemm, TransB = true }, Options(QuantForm.QOperator, ActivationDataType.UInt8, MultiplierRange.Huge), M4),
            (new FullyConnectedSpec(16, 6) { Op = FullyConnectedOp.Gemm, TransB = true, Batch = 3 }, Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            (new FullyConnectedSpec(64, 10) { Op = FullyConnectedOp.Gemm, TransB = false, PerChannel = true, Activation = ConvActivation.Relu6 }, Options(QuantForm.Qdq, ActivationDataType.Int8, MultiplierRange.Tiny), M55),
            (new FullyConnectedSpec(21, 4) { Op = FullyConnectedOp.Gemm, TransB = true, Bias = false }, Options(QuantForm.Qdq, ActivationDataType.Int8), M3),
        ];
        for (var i = 0; i < cases.Length; i++)
        {
            var (spec, options, board) = cases[i];
            spec = spec with { Seed = 300 + i };
            var name = $"fc{i}_{spec.Op.ToString().ToLowerInvariant()}{(spec.Op == FullyConnectedOp.Gemm ? spec.TransB ? "_transB1" : "_transB0" : "")}_" +
                       $"b{spec.Batch}_{spec.InFeatures}to{spec.OutFeatures}_{(spec.PerChannel ? "pc" : "pt")}{(spec.Bias ? "" : "_nobias")}_" +
                       $"{spec.Activation.ToString().ToLowerInvariant()}_{Describe(options)}_{board}";
            yield return new KernelCase(name, board, () => QuantizedOpModels.FullyConnected(spec, options));
        }
    }

    private static IEnumerable<KernelCase> Binary()
    {
        (string What, BinarySpec Spec, QuantOptions Options, string Board)[] cases =
        [
            ("same", BinarySpec.SameShape(BinaryOp.Add, [1, 5, 7, 3]), Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            ("perchannel", BinarySpec.PerChannel(BinaryOp.Add, [1, 7, 4, 5]), Options(QuantForm.QOperator, ActivationDataType.UInt8), M4),
            ("broadcastW", new BinarySpec(BinaryOp.Add, [1, 3, 4, 6], [1, 1, 1, 6]), Options(QuantForm.Qdq, ActivationDataType.UInt8), M4),
            ("scalar", BinarySpec.Scalar(BinaryOp.Mul, [1, 6, 5, 5]), Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            ("same", BinarySpec.SameShape(BinaryOp.Mul, [1, 3, 5, 7]), Options(QuantForm.QOperator, ActivationDataType.Int8), M4),
            ("perchannel", BinarySpec.PerChannel(BinaryOp.Mul, [1, 5, 3, 3]), Options(QuantForm.Qdq, ActivationDataType.UInt8), M55),
            ("same", BinarySpec.SameShape(BinaryOp.Add, [1, 4, 6, 6]), Options(QuantForm.Qdq, ActivationDataType.Int8, MultiplierRange.Huge), M3),
            ("rank2", new BinarySpec(BinaryOp.Add, [3, 10], [10]), Options(QuantForm.QOperator, ActivationDataType.Int8), M4),
        ];
        for (var i = 0; i < cases.Length; i++)
        {
            var (what, spec, options, board) = cases[i];
            spec = spec with { Seed = 400 + i };
            var name = $"binary{i}_{spec.Op.ToString().ToLowerInvariant()}_{what}_{Shape(spec.ShapeA)}_{(spec.ShapeB.Length == 0 ? "scalar" : Shape(spec.ShapeB))}" +
                       $"{(spec.ConstantB ? "_const" : "")}_{Describe(options)}_{board}";
            yield return new KernelCase(name, board, () => QuantizedOpModels.Binary(spec, options));
        }
    }

    private static IEnumerable<KernelCase> Pools()
    {
        (PoolSpec Spec, QuantOptions Options, string Board)[] cases =
        [
            (new PoolSpec(PoolKind.Max, [1, 5, 9, 9]) { Kernel = (3, 3), Stride = (2, 2), Pads = Padding2D.Symmetric(1, 1) }, Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            (new PoolSpec(PoolKind.Max, [1, 3, 8, 6]), Options(QuantForm.QOperator, ActivationDataType.UInt8), M4),
            (new PoolSpec(PoolKind.Max, [1, 7, 7, 8]) { Kernel = (3, 2), Stride = (1, 2), Pads = Padding2D.Explicit(1, 0, 2, 1) }, Options(QuantForm.Qdq, ActivationDataType.UInt8), M3),
            (new PoolSpec(PoolKind.Average, [1, 7, 6, 6]) { Kernel = (3, 3), Stride = (1, 1), Pads = Padding2D.Symmetric(1, 1) }, Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            (new PoolSpec(PoolKind.Average, [1, 4, 9, 7]) { Kernel = (3, 3), Stride = (2, 2), Pads = Padding2D.Explicit(0, 1, 1, 0) }, Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            (new PoolSpec(PoolKind.Average, [1, 5, 8, 8]) { Kernel = (2, 2), Stride = (2, 2) }, Options(QuantForm.QOperator, ActivationDataType.UInt8), M55),
            (new PoolSpec(PoolKind.Average, [1, 3, 10, 5]) { Kernel = (5, 3), Stride = (1, 1), Pads = Padding2D.SameUpper }, Options(QuantForm.QOperator, ActivationDataType.Int8), M4),
        ];
        for (var i = 0; i < cases.Length; i++)
        {
            var (spec, options, board) = cases[i];
            spec = spec with { Seed = 500 + i };
            var name = $"pool{i}_{spec.Kind.ToString().ToLowerInvariant()}_{Shape(spec.InputShape)}_k{spec.Kernel}_s{spec.Stride}_{Pads(spec.Pads)}" +
                       $"{(spec.CountIncludePad ? "_countpad" : "")}_{Describe(options)}_{board}";
            yield return new KernelCase(name, board, () => QuantizedOpModels.Pool(spec, options));
        }

        (int[] Shape, QuantOptions Options, string Board)[] global =
        [
            ([1, 7, 5, 5], Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            ([1, 3, 8, 6], Options(QuantForm.QOperator, ActivationDataType.UInt8), M4),
            ([1, 16, 7, 7], Options(QuantForm.Qdq, ActivationDataType.Int8), M55),
            // The DSP kernel sums four channels in 16-bit lanes for windows of up to 256 pixels: its limit, and one past it.
            ([1, 8, 16, 16], Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            ([1, 5, 17, 16], Options(QuantForm.QOperator, ActivationDataType.UInt8), M4),
        ];
        for (var i = 0; i < global.Length; i++)
        {
            var (shape, options, board) = global[i];
            var spec = new GlobalAveragePoolSpec(shape) { Seed = 550 + i };
            yield return new KernelCase($"globalavgpool{i}_{Shape(shape)}_{Describe(options)}_{board}", board, () => QuantizedOpModels.GlobalAveragePool(spec, options));
        }
    }

    private static IEnumerable<KernelCase> SoftmaxAndConcat()
    {
        (int[] Shape, QuantOptions Options, string Board)[] softmax =
        [
            ([1, 10], Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            ([1, 3, 7], Options(QuantForm.QOperator, ActivationDataType.UInt8), M4),
            ([1, 20], Options(QuantForm.Qdq, ActivationDataType.UInt8), M3),
        ];
        for (var i = 0; i < softmax.Length; i++)
        {
            var (shape, options, board) = softmax[i];
            var spec = new SoftmaxSpec(shape) { Seed = 600 + i };
            yield return new KernelCase($"softmax{i}_{Shape(shape)}_{Describe(options)}_{board}", board, () => QuantizedOpModels.Softmax(spec, options));
        }

        (ConcatSpec Spec, QuantOptions Options, string Board)[] concat =
        [
            (new ConcatSpec([[1, 3, 4, 5], [1, 5, 4, 5]]), Options(QuantForm.Qdq, ActivationDataType.Int8), M4),
            (new ConcatSpec([[1, 2, 3, 3], [1, 1, 3, 3], [1, 4, 3, 3]]) { SharedQuantization = true }, Options(QuantForm.QOperator, ActivationDataType.UInt8), M4),
            (new ConcatSpec([[1, 3, 4, 2], [1, 3, 4, 5]]) { Axis = 3 }, Options(QuantForm.Qdq, ActivationDataType.Int8), M55),
            (new ConcatSpec([[1, 6], [1, 9]]), Options(QuantForm.QOperator, ActivationDataType.Int8), M4),
        ];
        for (var i = 0; i < concat.Length; i++)
        {
            var (spec, options, board) = concat[i];
            spec = spec with { Seed = 650 + i };
            var name = $"concat{i}_axis{spec.Axis}_{string.Join("+", spec.InputShapes.Select(Shape))}{(spec.SharedQuantization ? "_shared" : "")}_{Describe(options)}_{board}";
            yield return new KernelCase(name, board, () => QuantizedOpModels.Concat(spec, options));
        }
    }

    private static IEnumerable<KernelCase> Shaping()
    {
        var i8Qdq = Options(QuantForm.Qdq, ActivationDataType.Int8);
        var u8Qop = Options(QuantForm.QOperator, ActivationDataType.UInt8);
        var u8Qdq = Options(QuantForm.Qdq, ActivationDataType.UInt8);
        yield return new KernelCase($"reshape0_1x4x3x5_to_1x-1_{Describe(i8Qdq)}_{M4}", M4,
            () => QuantizedOpModels.Reshape(new ReshapeSpec([1, 4, 3, 5], [1, -1]) { Seed = 700 }, i8Qdq));
        yield return new KernelCase($"reshape1_1x12x5_to_1x3x4x5_{Describe(u8Qop)}_{M4}", M4,
            () => QuantizedOpModels.Reshape(new ReshapeSpec([1, 12, 5], [0, 3, 4, 5]) { Seed = 701 }, u8Qop));
        yield return new KernelCase($"flatten0_1x3x4x5_axis1_{Describe(u8Qop)}_{M4}", M4,
            () => QuantizedOpModels.Flatten(new FlattenSpec([1, 3, 4, 5]) { Seed = 702 }, u8Qop));
        yield return new KernelCase($"transpose0_1x3x4x5_perm0231_{Describe(i8Qdq)}_{M4}", M4,
            () => QuantizedOpModels.Transpose(new TransposeSpec([1, 3, 4, 5], [0, 2, 3, 1]) { Seed = 703 }, i8Qdq));
        yield return new KernelCase($"transpose1_1x6x5_perm021_{Describe(u8Qdq)}_{M3}", M3,
            () => QuantizedOpModels.Transpose(new TransposeSpec([1, 6, 5], [0, 2, 1]) { Seed = 704 }, u8Qdq));
        yield return new KernelCase($"transpose2_1x2x3x4_perm0312_{Describe(i8Qdq)}_{M4}", M4,
            () => QuantizedOpModels.Transpose(new TransposeSpec([1, 2, 3, 4], [0, 3, 1, 2]) { Seed = 705 }, i8Qdq));
    }

    /// <summary>
    /// The ops TFLite models bring, in their ONNX spelling: Sigmoid/QLinearSigmoid and HardSwish (one table
    /// lookup), ReduceMean (also behind a conv, where the graph turns NHWC), Sub and a standalone Pad.
    /// </summary>
    private static IEnumerable<KernelCase> TfliteOps()
    {
        var i8Qdq = Options(QuantForm.Qdq, ActivationDataType.Int8);
        var u8Qdq = Options(QuantForm.Qdq, ActivationDataType.UInt8);
        var u8Qop = Options(QuantForm.QOperator, ActivationDataType.UInt8);
        yield return new KernelCase($"fn00_sigmoid_1x3x5x7_{Describe(i8Qdq)}_{M4}", M4, () => QuantizedOpModels.Sigmoid([1, 3, 5, 7], 900, i8Qdq));
        yield return new KernelCase($"fn01_sigmoid_1x20_{Describe(u8Qop)}_{M3}", M3, () => QuantizedOpModels.Sigmoid([1, 20], 901, u8Qop));
        yield return new KernelCase($"fn02_sigmoid_requantized_1x4x3x3_{Describe(i8Qdq)}_{M4}", M4,
            () => QuantizedOpModels.Sigmoid([1, 4, 3, 3], 902, i8Qdq, (0.01f, 5)));
        yield return new KernelCase($"fn03_hardswish_1x5x6x4_{Describe(i8Qdq)}_{M4}", M4, () => QuantizedOpModels.HardSwish([1, 5, 6, 4], 903, i8Qdq));
        yield return new KernelCase($"fn04_hardswish_1x3x4x4_{Describe(u8Qdq)}_{M3}", M3, () => QuantizedOpModels.HardSwish([1, 3, 4, 4], 904, u8Qdq));
        yield return new KernelCase($"fn05_mean_hw_keep_1x6x5x7_{Describe(i8Qdq)}_{M4}", M4,
            () => QuantizedOpModels.ReduceMean([1, 6, 5, 7], [2, 3], true, 905, i8Qdq));
        yield return new KernelCase($"fn06_mean_hw_drop_1x4x6x6_{Describe(u8Qop)}_{M3}", M3,
            () => QuantizedOpModels.ReduceMean([1, 4, 6, 6], [2, 3], false, 906, u8Qop));
        yield return new KernelCase($"fn07_mean_hw_rescaled_1x5x4x4_{Describe(i8Qdq)}_{M4}", M4,
            () => QuantizedOpModels.ReduceMean([1, 5, 4, 4], [-2, -1], true, 907, i8Qdq, (0.0123f, -17)));
        yield return new KernelCase($"fn08_conv_then_mean_hw_nhwc_1x3x7x7_{Describe(i8Qdq)}_{M4}", M4, () =>
        {
            var c = new QuantizedModelComposer(i8Qdq);
            var x = c.Conv(c.Input([1, 3, 7, 7], 908), new ConvSpec([1, 3, 7, 7], 6) { Pads = Padding2D.SameUpper, Seed = 909 });
            c.Output(c.ReduceMean(x, [2, 3], false, 910));
            return c.Build();
        });
        yield return new KernelCase($"fn09_sub_same_1x5x7x3_{Describe(i8Qdq)}_{M4}", M4,
            () => QuantizedOpModels.Binary(BinarySpec.SameShape(BinaryOp.Sub, [1, 5, 7, 3]) with { Seed = 911 }, i8Qdq));
        yield return new KernelCase($"fn10_sub_broadcastW_1x3x4x6_{Describe(u8Qdq)}_{M3}", M3,
            () => QuantizedOpModels.Binary(new BinarySpec(BinaryOp.Sub, [1, 3, 4, 6], [1, 1, 1, 6]) { Seed = 912 }, u8Qdq));
        yield return new KernelCase($"fn11_pad_nchw_all_axes_1x3x5x5_{Describe(i8Qdq)}_{M4}", M4,
            () => QuantizedOpModels.Pad([1, 3, 5, 5], [0, 1, 2, 0, 0, 2, 1, 3], 100, 913, i8Qdq));
        yield return new KernelCase($"fn12_pad_rank3_1x4x3_{Describe(u8Qop)}_{M3}", M3,
            () => QuantizedOpModels.Pad([1, 4, 3], [0, 2, 1, 0, 1, 2], 3, 914, u8Qop));
    }

    /// <summary>
    /// A 1x1 convolution with fewer output than input channels feeding a depthwise convolution: both
    /// can run in place (the first at stride 1 and 2, the second strided and dilated).
    /// </summary>
    private static IEnumerable<KernelCase> InPlace()
    {
        yield return new KernelCase($"inplace0_conv1x1_dw3x3s2_1x8x9x9_qdq_i8_{M4}", M4, () => PointwiseThenDepthwise(
            [1, 8, 9, 9], 6, (1, 1), new ConvSpec([1, 6, 9, 9], 6) { Group = 6, Stride = (2, 2), Pads = Padding2D.Symmetric(1, 1), Activation = ConvActivation.Relu6 },
            Options(QuantForm.Qdq, ActivationDataType.Int8), 900));
        yield return new KernelCase($"inplace1_conv1x1s2_dw3x3d2_1x7x9x8_qop_u8_{M55}", M55, () => PointwiseThenDepthwise(
            [1, 7, 9, 8], 5, (2, 2), new ConvSpec([1, 5, 5, 4], 5) { Group = 5, Dilation = (2, 2), Pads = Padding2D.Symmetric(2, 2), PerChannel = false },
            Options(QuantForm.QOperator, ActivationDataType.UInt8), 910));
        // Wider output: the input sits at the end of the 1x1 convolution's output bytes.
        yield return new KernelCase($"inplace2_conv1x1wide_dw3x3_1x4x7x6_qdq_i8_{M3}", M3, () => PointwiseThenDepthwise(
            [1, 4, 7, 6], 9, (1, 1), new ConvSpec([1, 9, 7, 6], 9) { Group = 9, Pads = Padding2D.Symmetric(1, 1) },
            Options(QuantForm.Qdq, ActivationDataType.Int8), 920));
    }

    private static GeneratedModel PointwiseThenDepthwise(int[] input, int pointwiseChannels, Size2D stride, ConvSpec depthwise, QuantOptions options, int seed)
    {
        var c = new QuantizedModelComposer(options);
        var x = c.Conv(c.Input(input, seed), new ConvSpec(input, pointwiseChannels) { Kernel = (1, 1), Stride = stride, Activation = ConvActivation.Relu, Seed = seed + 1 });
        c.Output(c.Conv(x, depthwise with { Kernel = (3, 3), Seed = seed + 2 }));
        return c.Build();
    }

    /// <summary>A few multi-op models, where layout changes and shared tensors meet between kernels.</summary>
    private static IEnumerable<KernelCase> Chains()
    {
        yield return new KernelCase($"chain0_residual_add_1x5x6x6_qdq_i8_{M4}", M4,
            () => QuantizedOpModels.ResidualAdd([1, 5, 6, 6], seed: 800));
        yield return new KernelCase($"chain1_conv_pool_fc_1x3x8x8_qop_u8_{M4}", M4,
            () => QuantizedOpModels.ConvPoolFullyConnected([1, 3, 8, 8], 5, 7, seed: 801, Options(QuantForm.QOperator, ActivationDataType.UInt8)));
        yield return new KernelCase($"chain2_tinycnn_float_edges_{M55}", M55,
            () => ExampleModels.TinyCnnModel(802, new QuantOptions { Edges = ModelEdges.Float }));
        yield return new KernelCase($"chain3_mlp_float_edges_qop_{M3}", M3,
            () => ExampleModels.MlpModel(803, QuantOptions.QOperator));
        // The per-channel operand as it appears in real networks: after a conv, so the graph is NHWC.
        yield return new KernelCase($"chain4_conv_then_perchannel_mul_1x5x6x6_qdq_u8_{M4}", M4, () =>
        {
            var c = new QuantizedModelComposer(Options(QuantForm.Qdq, ActivationDataType.UInt8));
            var x = c.Conv(c.Input([1, 5, 6, 6], 804), new ConvSpec([1, 5, 6, 6], 7) { Pads = Padding2D.SameUpper, Seed = 805 });
            c.Output(c.Binary(x, c.Constant([1, 7, 1, 1], 806), BinaryOp.Mul, 807));
            return c.Build();
        });
    }
}
