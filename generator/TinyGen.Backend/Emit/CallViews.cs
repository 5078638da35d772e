using System.Collections.Immutable;
using TinyGen.Arithmetic;
using TinyGen.Diagnostics;
using TinyGen.Lowering;

namespace TinyGen.Emit;

/// <summary>
/// Turns each <see cref="KernelCall"/> into the data its template under templates/calls/ needs:
/// C literals for every number, pointer descriptions for every tensor (arena offset or constant
/// array), and names of the per-op multiplier/shift tables it registers with <see cref="ConstantTables"/>.
/// </summary>
internal sealed class CallViews(ModelSymbols symbols, ConstantTables constants)
{
    public (string Template, object View) For(int index, KernelCall call)
    {
        var comment = CText.Comment(call.Kernel.Length == 0 ? $"step {index}: {call.Op}" : $"step {index}: {call.Op} -- {call.Kernel}: {call.Reason}");
        var scratch = symbols.Scratch(index);
        // A CMSIS-NN call takes its regular call's arguments; the comment still names the arm_ function.
        return (call is CmsisNnCall arm ? arm.Regular : call) switch
        {
            ConvolveCall c => ("calls/convolve.c.hbs", new
            {
                Scratch = scratch,
                Comment = comment,
                InputOffset = CLiteral.Int(c.InputOffset),
                OutputOffset = CLiteral.Int(c.OutputOffset),
                Stride = Tile(c.Stride), Padding = Tile(c.Padding), Dilation = Tile(c.Dilation),
                Activation = Activation(c.Activation),
                Quant = QuantTables(index, c.Requantization, c.Op.ToString()),
                InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), BiasDims = Dims(c.BiasDims), OutputDims = Dims(c.OutputDims),
                Input = symbols.Pointer(c.Input), Filter = symbols.Pointer(c.Filter), Bias = OptionalPointer(c.Bias), Output = symbols.Pointer(c.Output),
            }),
            GemmConvCall c => ("calls/gemm_conv.c.hbs", new
            {
                Comment = comment,
                Scratch = scratch,
                InputOffset = CLiteral.Int(c.InputOffset),
                OutputOffset = CLiteral.Int(c.OutputOffset),
                Stride = Tile(c.Stride), Padding = Tile(c.Padding), Dilation = Tile(c.Dilation),
                Activation = Activation(c.Activation),
                Quant = QuantTables(index, c.Requantization, c.Op.ToString()),
                Filter = constants.AddTable($"{symbols.Prefix}_op{index}_filter", "int8_t",
                    c.BlockedFilter.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: filter in GEMM order (tg_nn_fast.h)"), 1),
                FoldedBias = constants.AddTable($"{symbols.Prefix}_op{index}_bias", "int32_t",
                    c.FoldedBias.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: bias + input offset x filter row sum"), 4),
                InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), OutputDims = Dims(c.OutputDims),
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output),
            }),
            FastPointwiseConvCall { Portable: var c } f => Int16Gemm("calls/pointwise_conv_fast.c.hbs", index, c, f.PackedFilter, f.FoldedBias, f.InPlace, comment, scratch),
            WideConvCall { Portable: var c } f => Int16Gemm("calls/convolve_wide.c.hbs", index, c, f.PackedFilter, f.FoldedBias, false, comment, scratch),
            FastFullyConnectedCall c => ("calls/fully_connected_fast.c.hbs", new
            {
                Comment = comment,
                OutputOffset = CLiteral.Int(c.OutputOffset),
                Activation = Activation(c.Activation),
                Quant = QuantTables(index, c.Requantization, c.Op.ToString()),
                Filter = constants.AddTable($"{symbols.Prefix}_op{index}_filter", "uint32_t",
                    c.PackedFilter.Select(CLiteral.HexWord).ToList(), CText.Comment($"{c.Op}: int16 weight pairs in FC order (tg_nn_fast.h)"), 4),
                FoldedBias = constants.AddTable($"{symbols.Prefix}_op{index}_bias", "int32_t",
                    c.FoldedBias.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: bias + input offset x filter row sum"), 4),
                InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), OutputDims = Dims(c.OutputDims),
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output),
            }),
            MveInPlacePointwiseConvCall { Call: var c } => MveGemm(index, c, comment, scratch, inPlace: true),
            MveGemmCall c => MveGemm(index, c, comment, scratch, inPlace: false),
            DepthwiseConvCall c => ("calls/depthwise_conv.c.hbs", new
            {
                Scratch = scratch,
                Comment = comment,
                Specialized = c.Dsp || c.Mve,
                Function = c.Kernel,
                InputOffset = CLiteral.Int(c.InputOffset),
                OutputOffset = CLiteral.Int(c.OutputOffset),
                ChannelMultiplier = CLiteral.Int(c.ChannelMultiplier),
                Stride = Tile(c.Stride), Padding = Tile(c.Padding), Dilation = Tile(c.Dilation),
                Activation = Activation(c.Activation),
                Quant = QuantTables(index, c.Requantization, c.Op.ToString()),
                InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), BiasDims = Dims(c.BiasDims), OutputDims = Dims(c.OutputDims),
                Input = symbols.Pointer(c.Input), Filter = symbols.Pointer(c.Filter), Bias = OptionalPointer(c.Bias), Output = symbols.Pointer(c.Output),
            }),
            InPlaceDepthwiseConvCall { Call: var c } inPlace => ("calls/depthwise_conv_inplace.c.hbs", new
            {
                Function = inPlace.Kernel,
                Scratch = scratch,
                Comment = comment,
                InputOffset = CLiteral.Int(c.InputOffset),
                OutputOffset = CLiteral.Int(c.OutputOffset),
                ChannelMultiplier = CLiteral.Int(c.ChannelMultiplier),
                Stride = Tile(c.Stride), Padding = Tile(c.Padding), Dilation = Tile(c.Dilation),
                Activation = Activation(c.Activation),
                Quant = QuantTables(index, c.Requantization, c.Op.ToString()),
                InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), BiasDims = Dims(c.BiasDims), OutputDims = Dims(c.OutputDims),
                Data = symbols.Pointer(c.Input), Filter = symbols.Pointer(c.Filter), Bias = OptionalPointer(c.Bias),
            }),
            InPlacePointwiseConvCall { Call: var c } => ("calls/convolve_1x1_inplace.c.hbs", new
            {
                Scratch = scratch,
                Comment = comment,
                InputOffset = CLiteral.Int(c.InputOffset),
                OutputOffset = CLiteral.Int(c.OutputOffset),
                Stride = Tile(c.Stride), Padding = Tile(c.Padding), Dilation = Tile(c.Dilation),
                Activation = Activation(c.Activation),
                Quant = QuantTables(index, c.Requantization, c.Op.ToString()),
                InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), BiasDims = Dims(c.BiasDims), OutputDims = Dims(c.OutputDims),
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output), Filter = symbols.Pointer(c.Filter), Bias = OptionalPointer(c.Bias),
            }),
            FullyConnectedCall c => ("calls/fully_connected.c.hbs", new
            {
                Scratch = scratch,
                Comment = comment,
                InputOffset = CLiteral.Int(c.InputOffset),
                FilterOffset = CLiteral.Int(c.FilterOffset),
                OutputOffset = CLiteral.Int(c.OutputOffset),
                Activation = Activation(c.Activation),
                Quant = QuantTables(index, c.Requantization, c.Op.ToString()),
                PerChannel = CLiteral.Int(c.PerChannel ? 1 : 0),
                InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), BiasDims = Dims(c.BiasDims), OutputDims = Dims(c.OutputDims),
                Input = symbols.Pointer(c.Input), Filter = symbols.Pointer(c.Filter), Bias = OptionalPointer(c.Bias), Output = symbols.Pointer(c.Output),
            }),
            ElementwiseAddCall c => ("calls/elementwise_add.c.hbs", new
            {
                Comment = comment,
                c.Function,
                Fast = c.Tables is not null,
                Table1 = c.Tables is null ? null : constants.AddTable($"{symbols.Prefix}_op{index}_input1", "int32_t",
                    c.Tables.Input1.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: input 1 rescaled, by byte (tg_nn_fast.h)"), 4),
                Table2 = c.Tables is null ? null : constants.AddTable($"{symbols.Prefix}_op{index}_input2", "int32_t",
                    c.Tables.Input2.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: input 2 rescaled{(c.Subtract ? " and negated" : "")}, by byte (tg_nn_fast.h)"), 4),
                Input1 = symbols.Pointer(c.Input1), Input2 = symbols.Pointer(c.Input2), Output = symbols.Pointer(c.Output),
                Input1Offset = CLiteral.Int(c.Input1Offset), Input1Mult = CLiteral.Int(c.Input1Multiplier.Multiplier), Input1Shift = CLiteral.Int(c.Input1Multiplier.Shift),
                Input2Offset = CLiteral.Int(c.Input2Offset), Input2Mult = CLiteral.Int(c.Input2Multiplier.Multiplier), Input2Shift = CLiteral.Int(c.Input2Multiplier.Shift),
                LeftShift = CLiteral.Int(c.LeftShift),
                OutputOffset = CLiteral.Int(c.OutputOffset), OutputMult = CLiteral.Int(c.OutputMultiplier.Multiplier), OutputShift = CLiteral.Int(c.OutputMultiplier.Shift),
                Activation = Activation(c.Activation),
                BlockSize = CLiteral.Int(c.BlockSize), Input2Length = CLiteral.Int(c.Input2Length),
            }),
            ElementwiseMulCall c => ("calls/elementwise_mul.c.hbs", new
            {
                Comment = comment,
                Input1 = symbols.Pointer(c.Input1), Input2 = symbols.Pointer(c.Input2), Output = symbols.Pointer(c.Output),
                Input1Offset = CLiteral.Int(c.Input1Offset), Input2Offset = CLiteral.Int(c.Input2Offset),
                OutputOffset = CLiteral.Int(c.OutputOffset), OutputMult = CLiteral.Int(c.OutputMultiplier.Multiplier), OutputShift = CLiteral.Int(c.OutputMultiplier.Shift),
                Activation = Activation(c.Activation),
                BlockSize = CLiteral.Int(c.BlockSize), Input2Length = CLiteral.Int(c.Input2Length),
            }),
            PoolCall c => ("calls/pool.c.hbs", new
            {
                Scratch = scratch,
                Comment = comment,
                c.Function,
                Stride = Tile(c.Stride), Padding = Tile(c.Padding), Activation = Activation(c.Activation),
                InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), OutputDims = Dims(c.OutputDims),
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output),
            }),
            SoftmaxCall c => ("calls/softmax.c.hbs", new
            {
                Comment = comment,
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output),
                NumRows = CLiteral.Int(c.NumRows), RowSize = CLiteral.Int(c.RowSize),
                Mult = CLiteral.Int(c.Multiplier), Shift = CLiteral.Int(c.Shift), DiffMin = CLiteral.Int(c.DiffMin),
            }),
            ConcatCall c => ("calls/concat.c.hbs", new
            {
                Comment = comment,
                Output = symbols.Pointer(c.Output),
                OutputInner = CLiteral.Int(c.OutputInner),
                Parts = c.Parts.Select(p => new
                {
                    Input = symbols.Pointer(p.Tensor),
                    Outer = CLiteral.Int(p.Outer), Inner = CLiteral.Int(p.Inner), Offset = CLiteral.Int(p.Offset),
                }).ToList(),
            }),
            TransposeCall c => ("calls/transpose.c.hbs", new
            {
                Comment = comment,
                InputDims = Dims(c.InputDims),
                Perm = c.Perm.Select(p => CLiteral.Int(p)).ToList(),
                Input = symbols.BytePointer(c.Input), Output = symbols.BytePointer(c.Output),
            }),
            RequantizeCall c => ("calls/requantize.c.hbs", new
            {
                Comment = comment,
                Input = symbols.Pointer(c.Input),
                // With ToUInt8 the kernel first writes int8 into the uint8 output's bytes.
                Output = c.ToUInt8 ? symbols.BytePointer(c.Output) : symbols.Pointer(c.Output),
                FinalOutput = symbols.Pointer(c.Output),
                Size = CLiteral.Int(c.Size),
                InputOffset = CLiteral.Int(c.InputOffset),
                Mult = CLiteral.Int(c.Multiplier.Multiplier), Shift = CLiteral.Int(c.Multiplier.Shift),
                OutputOffset = CLiteral.Int(c.OutputOffset),
                c.ToUInt8,
            }),
            ConvertCall c => ("calls/convert.c.hbs", new
            {
                Comment = comment,
                c.Function,
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output), Size = CLiteral.Int(c.Size),
            }),
            QuantizeFloatCall c => ("calls/quantize_f32.c.hbs", new
            {
                Comment = comment,
                c.Function,
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output), Size = CLiteral.Int(c.Size),
                Scale = CLiteral.Float(c.Scale), ZeroPoint = CLiteral.Int(c.ZeroPoint),
            }),
            DequantizeFloatCall c => ("calls/dequantize_f32.c.hbs", new
            {
                Comment = comment,
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output), Size = CLiteral.Int(c.Size),
                Scale = CLiteral.Float(c.Scale), ZeroPoint = CLiteral.Int(c.ZeroPoint),
            }),
            ClampCall c => ("calls/clamp.c.hbs", new
            {
                Comment = comment,
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output), Size = CLiteral.Int(c.Size),
                Activation = Activation(c.Activation),
            }),
            LutCall c => ("calls/lut.c.hbs", new
            {
                Comment = comment,
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output), Size = CLiteral.Int(c.Size),
                Table = constants.AddTable($"{symbols.Prefix}_op{index}_table", "int8_t",
                    c.Table.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: output for each input -128 .. 127"), 1),
            }),
            MeanCall c => ("calls/mean.c.hbs", new
            {
                Comment = comment,
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output),
                Outer = CLiteral.Int(c.Outer), Reduce = CLiteral.Int(c.Reduce), Inner = CLiteral.Int(c.Inner),
                InputOffset = CLiteral.Int(c.InputOffset),
                Mult = CLiteral.Int(c.Multiplier.Multiplier), Shift = CLiteral.Int(c.Multiplier.Shift),
                OutputOffset = CLiteral.Int(c.OutputOffset),
            }),
            PadCall c => ("calls/pad.c.hbs", new
            {
                Comment = comment,
                Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output),
                InputDims = Dims(c.InputDims), PrePad = Dims(c.PrePad), PostPad = Dims(c.PostPad),
                Value = CLiteral.Int(c.Value),
            }),
            AliasCall c => ("calls/alias.c.hbs", new
            {
                Comment = comment,
                InputComment = CText.Comment(c.Input),
                OutputComment = CText.Comment(c.Output),
                Offset = CLiteral.Int(symbols.Offset(c.Output)),
            }),
            _ => throw new TinyGenException($"internal: no template for {call.GetType().Name} ({call.Op})"),
        };
    }

    /// <summary>The MVE GEMM kernels (tg_nn_mve.h); in place, the pointwise one writes over its input through a two-pixel scratch.</summary>
    private (string, object) MveGemm(int index, MveGemmCall c, string comment, ScratchView scratch, bool inPlace) => ("calls/mve_gemm.c.hbs", new
    {
        Comment = comment,
        Function = inPlace ? "tg_convolve_1x1_inplace_s8_mve" : c.Kernel,
        Context = inPlace || c.Shape == MveGemmShape.Im2col,
        FullyConnected = c.Shape == MveGemmShape.FullyConnected,
        Scratch = scratch,
        InputOffset = CLiteral.Int(c.InputOffset),
        OutputOffset = CLiteral.Int(c.OutputOffset),
        Stride = Tile(c.Stride), Padding = Tile(c.Padding), Dilation = Tile(c.Dilation),
        Activation = Activation(c.Activation),
        Quant = QuantTables(index, c.Requantization, c.Op.ToString()),
        Filter = constants.AddTable($"{symbols.Prefix}_op{index}_filter", "int8_t",
            c.GroupedFilter.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: filter in MVE GEMM order (tg_nn_mve.h)"), 1),
        FoldedBias = constants.AddTable($"{symbols.Prefix}_op{index}_bias", "int32_t",
            c.FoldedBias.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: bias + input offset x filter row sum"), 4),
        InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), OutputDims = Dims(c.OutputDims),
        Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output),
    });

    private object QuantTables(int index, ImmutableArray<QuantizedMultiplier> requant, string owner)
    {
        var multipliers = constants.AddTable($"{symbols.Prefix}_op{index}_multiplier", "int32_t",
            requant.Select(m => CLiteral.Int(m.Multiplier)).ToList(), CText.Comment($"{owner}: requantization multipliers"), 4);
        var shifts = constants.AddTable($"{symbols.Prefix}_op{index}_shift", "int32_t",
            requant.Select(m => CLiteral.Int(m.Shift)).ToList(), CText.Comment($"{owner}: requantization shifts"), 4);
        return new { Multipliers = multipliers, Shifts = shifts };
    }

    /// <summary>tg_pointwise_conv_s8_fast and tg_convolve_s8_wide: int16 weights in FC order, folded bias, prepared requantization.</summary>
    private (string, object) Int16Gemm(string template, int index, ConvolveCall c, ImmutableArray<uint> packedFilter, ImmutableArray<int> foldedBias,
        bool inPlace, string comment, ScratchView scratch)
    {
        var (requant, outputOffset) = RequantTable(index, c.Requantization, c.OutputOffset, c.Op.ToString());
        return (template, new
        {
            Comment = comment,
            InPlace = inPlace,
            Scratch = scratch,
            Requant = requant,
            InputOffset = CLiteral.Int(c.InputOffset),
            OutputOffset = outputOffset,
            Stride = Tile(c.Stride), Padding = Tile(c.Padding), Dilation = Tile(c.Dilation),
            Activation = Activation(c.Activation),
            Filter = constants.AddTable($"{symbols.Prefix}_op{index}_filter", "uint32_t",
                packedFilter.Select(CLiteral.HexWord).ToList(), CText.Comment($"{c.Op}: int16 weight pairs in FC order, whole blocks of four rows (tg_nn_fast.h)"), 4),
            FoldedBias = constants.AddTable($"{symbols.Prefix}_op{index}_bias", "int32_t",
                foldedBias.Select(v => CLiteral.Int(v)).ToList(), CText.Comment($"{c.Op}: bias + input offset x filter row sum"), 4),
            InputDims = Dims(c.InputDims), FilterDims = Dims(c.FilterDims), OutputDims = Dims(c.OutputDims),
            Input = symbols.Pointer(c.Input), Output = symbols.Pointer(c.Output),
        });
    }

    /// <summary>
    /// The fast kernels' tg_requant table (tg_nn.h), each channel's multiplier with its rounding
    /// constant and shift prepared, and the output offset the call passes: folded into the records
    /// (and 0 in the call) where every channel can hold it, which puts the layer on the kernels'
    /// common path (one SMLAL and a shift per output).
    /// </summary>
    private (string Table, string OutputOffset) RequantTable(int index, ImmutableArray<QuantizedMultiplier> requant, int outputOffset, string owner)
    {
        var fold = PreparedRequantization.CanFold(requant);
        var table = constants.AddRecords($"{symbols.Prefix}_op{index}_requant", "tg_requant",
            requant.Select(m => PreparedRequantization.For(m, fold ? outputOffset : 0))
                .Select(q => $"{{ {CLiteral.Int(q.Multiplier)}, {CLiteral.HexWord(q.RoundLow)}, {CLiteral.Int(q.RoundHigh)}, {CLiteral.Int(q.RightShiftMinusOne)} }}").ToList(),
            CText.Comment($"{owner}: requantization per channel, prepared: multiplier, rounding constant{(fold ? $" (with the output offset {CLiteral.Int(outputOffset)})" : "")} low and high words, right shift - 1"), 16);
        return (table, CLiteral.Int(fold ? 0 : outputOffset));
    }

    private object? OptionalPointer(string? tensor) => tensor is null ? null : symbols.Pointer(tensor);

    private static object Tile(TgTile t) => new { W = CLiteral.Int(t.W), H = CLiteral.Int(t.H) };

    private static object Activation(TgActivation a) => new { Min = CLiteral.Int(a.Min), Max = CLiteral.Int(a.Max) };

    private static object Dims(TgDims d) => new { N = CLiteral.Int(d.N), H = CLiteral.Int(d.H), W = CLiteral.Int(d.W), C = CLiteral.Int(d.C) };
}
