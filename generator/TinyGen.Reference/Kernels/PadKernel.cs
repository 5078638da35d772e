using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>Constant padding of int8 data on any axis: the input copied into an output filled with the integer pad value.</summary>
public static class PadKernel
{
    public static TensorData Evaluate(Pad op, KernelContext context)
    {
        var input = context.Tensor(op.Input);
        var output = context.Tensor(op.Output);
        var rank = input.Rank;
        if (op.Pads.Length != 2 * rank || op.Pads.Any(p => p < 0))
            throw new TinyGenException($"{op}: pads [{string.Join(",", op.Pads)}] do not fit a rank-{rank} input");
        if (op.Value != Math.Round(op.Value) || op.Value is < sbyte.MinValue or > sbyte.MaxValue)
            throw new TinyGenException($"{op}: pad value {op.Value} is not an int8 value");
        var x = context.Int8(op.Input, op);
        var y = Enumerable.Repeat((sbyte)op.Value, checked((int)output.ElementCount)).ToArray();
        var index = new int[rank];
        for (var i = 0; i < x.Length; i++)
        {
            var o = 0;
            for (var a = 0; a < rank; a++) o = o * output.Shape[a] + index[a] + op.Pads[a];
            y[o] = x[i];
            for (var a = rank - 1; a >= 0 && ++index[a] == input.Shape[a]; a--) index[a] = 0;
        }
        return TensorData.FromInt8(y);
    }
}
