using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// Kernel choice: turns each op of a lowered graph (see TinyGen.Passes.LoweredGraph) into the
/// tg_ kernel call that runs it, with every argument computed here at compile time (offsets,
/// clamps, multipliers and shifts). Combinations the firmware cannot run are rejected with a
/// message naming the op. <see cref="MveKernelChoice"/> (cores with MVE) and <see cref="DspKernelChoice"/>
/// then pick, per layer, the kernel for the core.
/// </summary>
public static class KernelSelector
{
    /// <summary>The calls for every op, specialized for <paramref name="core"/> (default: portable C only).</summary>
    public static ImmutableArray<KernelCall> Select(Graph lowered, TargetCore? core = null) =>
        TinyFullyConnectedHeads.Apply(
            lowered.Operations.Select(op => Select(lowered, op, core ?? TargetCore.Portable)).ToImmutableArray(),
            i => SelectUnchecked(lowered, lowered.Operations[i]));

    public static KernelCall Select(Graph graph, Operation op, TargetCore core)
    {
        try
        {
            var portable = SelectUnchecked(graph, op);
            return MveKernelChoice.Choose(graph, portable, core) ?? DspKernelChoice.Choose(graph, portable, core);
        }
        catch (ArgumentException e)
        {
            // e.g. a requantization multiplier out of range: report it against the op
            throw new TinyGenException($"{op}: {e.Message}", ExitCodes.UserError, e);
        }
    }

    private static KernelCall SelectUnchecked(Graph graph, Operation op) => op switch
    {
        Conv2D conv => Convolution(graph, conv),
        FullyConnected fc => FullyConnected(graph, fc),
        Binary binary => Elementwise(graph, binary),
        Pool2D pool => Pool(graph, pool),
        Softmax softmax => Softmax(graph, softmax),
        Concat concat => Concat(graph, concat),
        Transpose transpose => Transpose(graph, transpose),
        Reshape reshape => new AliasCall(reshape, reshape.Input, reshape.Output),
        Quantize quantize => Quantize(graph, quantize),
        Dequantize dequantize => Dequantize(graph, dequantize),
        Activation activation => Clamp(graph, activation),
        ElementwiseFunction function => Lookup(graph, function),
        Mean mean => Mean(graph, mean),
        Pad pad => Pad(graph, pad),
        _ => throw new TinyGenException($"{op}: no kernel for {op.Kind} on the int8 firmware"),
    };

    private static KernelCall Convolution(Graph graph, Conv2D conv)
    {
        var input = RequireInt8(graph, conv, conv.Input);
        var output = RequireInt8(graph, conv, conv.Output);
        var weights = graph[conv.Weights];
        if (!weights.IsConstant || weights.Type != ElementType.Int8 || weights.Rank != 4)
            throw new TinyGenException($"{conv}: weights '{weights.Name}' must be a constant int8 4-D tensor, got {weights.Type.DisplayName()} {weights.ShapeText}");
        var weightQuant = weights.RequireQuantization(conv.ToString());
        if (weightQuant.ZeroPoints.Any(z => z != 0))
            throw new TinyGenException($"{conv}: weights '{weights.Name}' have a non-zero zero point ({weightQuant.ZeroPoints.First(z => z != 0)}); the int8 convolution kernels need symmetric weights");
        var inQ = PerTensor(conv, input);
        var outQ = PerTensor(conv, output);
        var inputDims = TgDims.Nhwc(input, conv);
        var outputDims = TgDims.Nhwc(output, conv);
        var cin = inputDims.C;
        var cout = outputDims.C;
        var filterDims = TgDims.Nhwc(weights, conv);
        var w = conv.Window;
        var stride = new TgTile(w.StrideW, w.StrideH);
        var padding = new TgTile(w.Padding.Left, w.Padding.Top);
        var dilation = new TgTile(w.DilationW, w.DilationH);
        if (filterDims.H != w.KernelH || filterDims.W != w.KernelW)
            throw new TinyGenException($"{conv}: weights {weights.ShapeText} disagree with the {w.KernelH}x{w.KernelW} window");
        var activation = TgActivation.From(ActivationRange.ForInt8(conv.Activation, outQ.Scale, outQ.ZeroPoint));
        if (weightQuant.Scales.Length != 1 && weightQuant.Scales.Length != cout)
            throw new TinyGenException($"{conv}: weights '{weights.Name}' have {weightQuant.Scales.Length} scales for {cout} output channels");
        var requant = ConvRequantization.PerChannel(inQ.Scale, weightQuant.Scales, outQ.Scale, cout);
        var bias = CheckBias(graph, conv, conv.Bias, cout);
        var biasDims = new TgDims(1, 1, 1, cout);

        if (!conv.IsDepthwise(graph))
        {
            if (filterDims.N != cout || filterDims.C != cin)
                throw new TinyGenException($"{conv}: weights {weights.ShapeText} are not [Cout={cout}, KH, KW, Cin={cin}]");
            return new ConvolveCall(conv, conv.Input, conv.Weights, bias, conv.Output, -inQ.ZeroPoint, outQ.ZeroPoint,
                stride, padding, dilation, activation, requant, inputDims, filterDims, biasDims, outputDims);
        }
        var isDepthwise = conv.Groups == cin && filterDims.N == 1 && filterDims.C == cout && cout % cin == 0;
        if (!isDepthwise)
            throw new TinyGenException($"{conv}: grouped convolution with {conv.Groups} groups over {cin} input channels (weights {weights.ShapeText}) is not depthwise; only Groups = 1 or depthwise is supported");
        return new DepthwiseConvCall(conv, conv.Input, conv.Weights, bias, conv.Output, -inQ.ZeroPoint, outQ.ZeroPoint, cout / cin,
            stride, padding, dilation, activation, requant, inputDims, filterDims, biasDims, outputDims);
    }

    private static KernelCall FullyConnected(Graph graph, FullyConnected fc)
    {
        var input = RequireInt8(graph, fc, fc.Input);
        var output = RequireInt8(graph, fc, fc.Output);
        var weights = graph[fc.Weights];
        if (!weights.IsConstant || weights.Type != ElementType.Int8 || weights.Rank != 2)
            throw new TinyGenException($"{fc}: weights '{weights.Name}' must be a constant int8 [Out, In] tensor, got {weights.Type.DisplayName()} {weights.ShapeText}");
        var outFeatures = weights.Shape[0];
        var inFeatures = weights.Shape[1];
        if (inFeatures <= 0 || input.ElementCount % inFeatures != 0)
            throw new TinyGenException($"{fc}: input {input.ShapeText} is not a whole number of rows of {inFeatures}");
        var rows = checked((int)(input.ElementCount / inFeatures));
        if (output.ElementCount != (long)rows * outFeatures)
            throw new TinyGenException($"{fc}: output {output.ShapeText} is not {rows} rows of {outFeatures}");
        var weightQuant = weights.RequireQuantization(fc.ToString());
        if (weightQuant.ZeroPoints.Distinct().Count() > 1)
            throw new TinyGenException($"{fc}: weights '{weights.Name}' have different zero points per channel; the fully connected kernel takes one filter offset");
        var weightZeroPoint = weightQuant.ZeroPoints[0];
        if (weightZeroPoint is < -127 or > 127)
            throw new TinyGenException($"{fc}: weight zero point {weightZeroPoint} is outside [-127, 127]");
        var inQ = PerTensor(fc, input);
        var outQ = PerTensor(fc, output);
        var perChannel = weightQuant.IsPerChannel;
        if (perChannel && weightQuant.Scales.Length != outFeatures)
            throw new TinyGenException($"{fc}: weights '{weights.Name}' have {weightQuant.Scales.Length} scales for {outFeatures} outputs");
        var requant = ConvRequantization.FullyConnected(inQ.Scale, weightQuant.Scales, outQ.Scale, perChannel ? outFeatures : 1);
        var bias = CheckBias(graph, fc, fc.Bias, outFeatures);
        return new FullyConnectedCall(fc, fc.Input, fc.Weights, bias, fc.Output,
            -inQ.ZeroPoint, -weightZeroPoint, outQ.ZeroPoint,
            TgActivation.From(ActivationRange.ForInt8(fc.Activation, outQ.Scale, outQ.ZeroPoint)),
            requant, perChannel,
            new TgDims(rows, 1, 1, inFeatures), new TgDims(inFeatures, 1, 1, outFeatures), new TgDims(1, 1, 1, outFeatures), new TgDims(rows, 1, 1, outFeatures));
    }

    private static KernelCall Elementwise(Graph graph, Binary binary)
    {
        var a = RequireInt8(graph, binary, binary.A);
        var b = RequireInt8(graph, binary, binary.B);
        var output = RequireInt8(graph, binary, binary.Output);
        if (a.ElementCount != output.ElementCount)
            throw new TinyGenException($"{binary}: input A {a.ShapeText} must have the output's shape {output.ShapeText} (only B is broadcast)");
        var blockSize = checked((int)output.ElementCount);
        var bLength = checked((int)b.ElementCount);
        if (bLength == 0 || blockSize % bLength != 0)
            throw new TinyGenException($"{binary}: input B {b.ShapeText} cannot be broadcast along the innermost axis of {output.ShapeText}");
        var qa = PerTensor(binary, a);
        var qb = PerTensor(binary, b);
        var qo = PerTensor(binary, output);
        var activation = TgActivation.From(ActivationRange.ForInt8(binary.Activation, qo.Scale, qo.ZeroPoint));
        if (binary.Op is BinaryKind.Add or BinaryKind.Sub)
        {
            var subtract = binary.Op == BinaryKind.Sub;
            var r = subtract ? SubRequantization.For(qa.Scale, qb.Scale, qo.Scale) : AddRequantization.For(qa.Scale, qb.Scale, qo.Scale);
            return new ElementwiseAddCall(binary, binary.A, binary.B, binary.Output,
                -qa.ZeroPoint, r.Input1, -qb.ZeroPoint, r.Input2, r.LeftShift, qo.ZeroPoint, r.Output, activation, blockSize, bLength, subtract);
        }
        return new ElementwiseMulCall(binary, binary.A, binary.B, binary.Output,
            -qa.ZeroPoint, -qb.ZeroPoint, qo.ZeroPoint, MulRequantization.For(qa.Scale, qb.Scale, qo.Scale), activation, blockSize, bLength);
    }

    private static KernelCall Pool(Graph graph, Pool2D pool)
    {
        var input = RequireInt8(graph, pool, pool.Input);
        var output = RequireInt8(graph, pool, pool.Output);
        var inQ = PerTensor(pool, input);
        var outQ = PerTensor(pool, output);
        RequireSameQuantization(pool, inQ, outQ);
        var w = pool.Window;
        if (w.DilationH != 1 || w.DilationW != 1)
            throw new TinyGenException($"{pool}: dilated pooling ({w.DilationH}x{w.DilationW}) is not supported");
        var inputDims = TgDims.Nhwc(input, pool);
        var outputDims = TgDims.Nhwc(output, pool);
        if (inputDims.C != outputDims.C)
            throw new TinyGenException($"{pool}: input has {inputDims.C} channels but output {outputDims.C}");
        return new PoolCall(pool, pool.Pool, pool.Input, pool.Output,
            new TgTile(w.StrideW, w.StrideH), new TgTile(w.Padding.Left, w.Padding.Top),
            TgActivation.From(ActivationRange.ForInt8(pool.Activation, outQ.Scale, outQ.ZeroPoint)),
            inputDims, new TgDims(1, w.KernelH, w.KernelW, 1), outputDims);
    }

    private static KernelCall Softmax(Graph graph, Softmax softmax)
    {
        var input = RequireInt8(graph, softmax, softmax.Input);
        var output = RequireInt8(graph, softmax, softmax.Output);
        if (softmax.Axis != input.Rank - 1)
            throw new TinyGenException($"{softmax}: softmax along axis {softmax.Axis} of a rank-{input.Rank} tensor; only the last axis is supported");
        var inQ = PerTensor(softmax, input);
        var outQ = PerTensor(softmax, output);
        if (Math.Abs(outQ.Scale * 256.0 - 1.0) > 1e-6 || outQ.ZeroPoint != -128)
            throw new TinyGenException($"{softmax}: output quantization must be scale 1/256, zero point -128 (got {outQ})");
        var rowSize = input.Shape[^1];
        var rows = checked((int)(input.ElementCount / Math.Max(1, rowSize)));
        SoftmaxScaling scaling;
        try
        {
            scaling = SoftmaxScaling.For(inQ.Scale, softmax.Beta);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new TinyGenException($"{softmax}: {e.Message}", ExitCodes.UserError, e);
        }
        return new SoftmaxCall(softmax, softmax.Input, softmax.Output, rows, rowSize, scaling.InputMultiplier, scaling.InputLeftShift, scaling.DiffMin);
    }

    private static KernelCall Concat(Graph graph, Concat concat)
    {
        var output = RequireInt8(graph, concat, concat.Output);
        var outQ = PerTensor(concat, output);
        var axis = concat.Axis < 0 ? concat.Axis + output.Rank : concat.Axis;
        if (axis < 0 || axis >= output.Rank)
            throw new TinyGenException($"{concat}: axis {concat.Axis} is outside the output's rank {output.Rank}");
        var outer = Product(output.Shape.Take(axis));
        var after = Product(output.Shape.Skip(axis + 1));
        var parts = ImmutableArray.CreateBuilder<ConcatPart>();
        var offset = 0;
        foreach (var name in concat.Parts)
        {
            var part = RequireInt8(graph, concat, name);
            RequireSameQuantization(concat, PerTensor(concat, part), outQ);
            if (part.Rank != output.Rank)
                throw new TinyGenException($"{concat}: input '{name}' {part.ShapeText} has another rank than the output {output.ShapeText}");
            var inner = part.Shape[axis] * after;
            parts.Add(new ConcatPart(name, outer, inner, offset));
            offset += inner;
        }
        var outputInner = output.Shape[axis] * after;
        if (offset != outputInner)
            throw new TinyGenException($"{concat}: inputs add up to {offset} elements per row, the output has {outputInner}");
        return new ConcatCall(concat, parts.ToImmutable(), concat.Output, outputInner);
    }

    private static KernelCall Transpose(Graph graph, Transpose transpose)
    {
        var input = graph[transpose.Input];
        var output = graph[transpose.Output];
        if (input.Type != output.Type || input.Type is not (ElementType.Int8 or ElementType.UInt8 or ElementType.Float32))
            throw new TinyGenException($"{transpose}: cannot transpose {input.Type.DisplayName()} to {output.Type.DisplayName()}");
        if (transpose.Perm.Length != input.Rank || transpose.Perm.Order().SequenceEqual(Enumerable.Range(0, input.Rank)) is false)
            throw new TinyGenException($"{transpose}: perm [{string.Join(",", transpose.Perm)}] is not a permutation of the input's {input.Rank} axes");
        var view = TransposeView.ToFourDimensionalBytes(input.Shape, transpose.Perm, input.Type.SizeInBytes())
            ?? throw new TinyGenException($"{transpose}: perm [{string.Join(",", transpose.Perm)}] on {input.ShapeText} needs more than 4 axes, the firmware transposes at most 4");
        var (dims, perm) = view;
        if (TransposeView.IsIdentityInMemory(input.Shape, transpose.Perm, input.Type.SizeInBytes()))
            return new AliasCall(transpose, transpose.Input, transpose.Output);
        return new TransposeCall(transpose, transpose.Input, transpose.Output, new TgDims(dims[0], dims[1], dims[2], dims[3]), perm);
    }

    private static KernelCall Quantize(Graph graph, Quantize quantize)
    {
        var input = graph[quantize.Input];
        var output = graph[quantize.Output];
        var size = checked((int)output.ElementCount);
        var outQ = PerTensor(quantize, output);
        switch (input.Type, output.Type)
        {
            case (ElementType.Float32, ElementType.Int8):
                return new QuantizeFloatCall(quantize, quantize.Input, quantize.Output, size, outQ.Scale, outQ.ZeroPoint, quantize.Rounding);
            case (ElementType.UInt8, ElementType.Int8):
            {
                var inQ = PerTensor(quantize, input);
                if (inQ.Scale == outQ.Scale && outQ.ZeroPoint == inQ.ZeroPoint - 128)
                    return new ConvertCall(quantize, quantize.Input, quantize.Output, size, ConvertDirection.UInt8ToInt8);
                throw new TinyGenException($"{quantize}: uint8 → int8 with another scale ({inQ} → {outQ}) is not supported; only the exact zero point - 128 conversion is");
            }
            case (ElementType.Int8, ElementType.UInt8):
            {
                var inQ = PerTensor(quantize, input);
                if (inQ.Scale == outQ.Scale && outQ.ZeroPoint == inQ.ZeroPoint + 128)
                    return new ConvertCall(quantize, quantize.Input, quantize.Output, size, ConvertDirection.Int8ToUInt8);
                return new RequantizeCall(quantize, quantize.Input, quantize.Output, size, -inQ.ZeroPoint,
                    Requantization.For(inQ.Scale, outQ.Scale), outQ.ZeroPoint - 128, ToUInt8: true);
            }
            case (ElementType.Int8, ElementType.Int8):
            {
                var inQ = PerTensor(quantize, input);
                return new RequantizeCall(quantize, quantize.Input, quantize.Output, size, -inQ.ZeroPoint,
                    Requantization.For(inQ.Scale, outQ.Scale), outQ.ZeroPoint, ToUInt8: false);
            }
            default:
                throw new TinyGenException($"{quantize}: {input.Type.DisplayName()} → {output.Type.DisplayName()} has no kernel");
        }
    }

    private static KernelCall Dequantize(Graph graph, Dequantize dequantize)
    {
        var input = graph[dequantize.Input];
        var output = graph[dequantize.Output];
        if (input.Type != ElementType.Int8 || output.Type != ElementType.Float32)
            throw new TinyGenException($"{dequantize}: {input.Type.DisplayName()} → {output.Type.DisplayName()} has no kernel; only int8 → float32");
        var q = PerTensor(dequantize, input);
        return new DequantizeFloatCall(dequantize, dequantize.Input, dequantize.Output, checked((int)input.ElementCount), q.Scale, q.ZeroPoint);
    }

    private static KernelCall Clamp(Graph graph, Activation activation)
    {
        var input = RequireInt8(graph, activation, activation.Input);
        var output = RequireInt8(graph, activation, activation.Output);
        var inQ = PerTensor(activation, input);
        var outQ = PerTensor(activation, output);
        RequireSameQuantization(activation, inQ, outQ);
        return new ClampCall(activation, activation.Input, activation.Output, checked((int)output.ElementCount),
            TgActivation.From(ActivationRange.ForInt8(activation.Clamp, outQ.Scale, outQ.ZeroPoint)));
    }

    /// <summary>The function's 256 outputs, one per int8 input, from the arithmetic the reference uses.</summary>
    private static KernelCall Lookup(Graph graph, ElementwiseFunction function)
    {
        var input = RequireInt8(graph, function, function.Input);
        var output = RequireInt8(graph, function, function.Output);
        var inQ = PerTensor(function, input);
        var outQ = PerTensor(function, output);
        Func<int, int> apply;
        switch (function.Function)
        {
            case UnaryFunction.Logistic:
                if (outQ.ZeroPoint != LogisticInt8.OutputZeroPoint || Math.Abs(outQ.Scale * 256.0 - 1.0) > 1e-6)
                    throw new TinyGenException($"{function}: output quantization must be scale 1/256, zero point -128 (got {outQ})");
                apply = LogisticInt8.For(inQ.Scale, inQ.ZeroPoint).Apply;
                break;
            case UnaryFunction.HardSwish:
                apply = HardSwishInt8.For(inQ.Scale, inQ.ZeroPoint, outQ.Scale, outQ.ZeroPoint).Apply;
                break;
            default:
                throw new TinyGenException($"{function}: no int8 kernel for {function.Function}");
        }
        var table = Enumerable.Range(sbyte.MinValue, 256).Select(x => (sbyte)apply(x)).ToImmutableArray();
        return new LutCall(function, function.Input, function.Output, checked((int)output.ElementCount), table);
    }

    /// <summary>A mean over adjacent axes: the input read as [outer, reduce, inner].</summary>
    private static KernelCall Mean(Graph graph, Mean mean)
    {
        var input = RequireInt8(graph, mean, mean.Input);
        var output = RequireInt8(graph, mean, mean.Output);
        var inQ = PerTensor(mean, input);
        var outQ = PerTensor(mean, output);
        var axes = mean.Axes.Select(a => a < 0 ? a + input.Rank : a).Distinct().Order().ToList();
        if (axes.Count == 0 || axes.Any(a => a < 0 || a >= input.Rank) || axes[^1] - axes[0] != axes.Count - 1)
            throw new TinyGenException($"{mean}: axes [{string.Join(",", mean.Axes)}] of {input.ShapeText} are not one run of adjacent axes; the mean kernel reduces adjacent axes only");
        var outer = Product(input.Shape.Take(axes[0]));
        var reduce = Product(input.Shape.Skip(axes[0]).Take(axes.Count));
        var inner = Product(input.Shape.Skip(axes[^1] + 1));
        if ((long)outer * inner != output.ElementCount)
            throw new TinyGenException($"{mean}: output {output.ShapeText} is not the mean of {input.ShapeText} over [{string.Join(",", axes)}]");
        return new MeanCall(mean, mean.Input, mean.Output, outer, reduce, inner, -inQ.ZeroPoint,
            MeanRequantization.For(inQ.Scale, outQ.Scale, reduce), outQ.ZeroPoint);
    }

    private static KernelCall Pad(Graph graph, Pad pad)
    {
        var input = RequireInt8(graph, pad, pad.Input);
        var output = RequireInt8(graph, pad, pad.Output);
        RequireSameQuantization(pad, PerTensor(pad, input), PerTensor(pad, output));
        if (input.Rank > 4)
            throw new TinyGenException($"{pad}: input {input.ShapeText} has more than 4 axes; the pad kernel takes at most 4");
        if (pad.Pads.Length != 2 * input.Rank || pad.Pads.Any(p => p < 0))
            throw new TinyGenException($"{pad}: pads [{string.Join(",", pad.Pads)}] are not a non-negative begin and end per axis of {input.ShapeText}");
        if (pad.Value != MathF.Round(pad.Value) || pad.Value is < sbyte.MinValue or > sbyte.MaxValue)
            throw new TinyGenException($"{pad}: pad value {pad.Value} is not an int8 value");
        var lead = 4 - input.Rank;
        TgDims Four(IEnumerable<int> values, int fill)
        {
            var v = Enumerable.Repeat(fill, lead).Concat(values).ToArray();
            return new TgDims(v[0], v[1], v[2], v[3]);
        }
        return new PadCall(pad, pad.Input, pad.Output, Four(input.Shape, 1),
            Four(pad.Pads.Take(input.Rank), 0), Four(pad.Pads.Skip(input.Rank), 0), (int)pad.Value);
    }

    private static string? CheckBias(Graph graph, Operation op, string? biasName, int channels)
    {
        if (biasName is null) return null;
        var bias = graph[biasName];
        if (!bias.IsConstant || bias.Type != ElementType.Int32 || bias.ElementCount != channels)
            throw new TinyGenException($"{op}: bias '{biasName}' must be a constant int32 vector of {channels}, got {bias.Type.DisplayName()} {bias.ShapeText}");
        if (bias.Quantization is { } q && q.ZeroPoints.Any(z => z != 0))
            throw new TinyGenException($"{op}: bias '{biasName}' has a non-zero zero point");
        return biasName;
    }

    private static Tensor RequireInt8(Graph graph, Operation op, string name)
    {
        var t = graph[name];
        if (t.Type != ElementType.Int8)
            throw new TinyGenException($"{op}: tensor '{name}' is {t.Type.DisplayName()}; this kernel takes int8");
        if (!t.HasShape)
            throw new TinyGenException($"{op}: tensor '{name}' has no shape");
        return t;
    }

    private static Quantization PerTensor(Operation op, Tensor t)
    {
        var q = t.RequireQuantization(op.ToString());
        if (q.IsPerChannel)
            throw new TinyGenException($"{op}: activation '{t.Name}' is quantized per channel; kernels take one scale and zero point");
        if (!(q.Scale > 0) || float.IsInfinity(q.Scale))
            throw new TinyGenException($"{op}: tensor '{t.Name}' has scale {q.Scale}; scales must be positive and finite");
        return q;
    }

    private static void RequireSameQuantization(Operation op, Quantization a, Quantization b)
    {
        if (a.Scale != b.Scale || a.ZeroPoint != b.ZeroPoint)
            throw new TinyGenException($"{op}: input ({a}) and output ({b}) quantization differ; a requantize should have been inserted");
    }

    private static int Product(IEnumerable<int> dims) => dims.Aggregate(1, (p, d) => checked(p * d));
}
