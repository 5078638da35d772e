using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>Concatenation along any axis: a byte copy (parts and output share element type and quantization).</summary>
public static class ConcatKernel
{
    public static TensorData Evaluate(Concat op, KernelContext context)
    {
        var output = context.Tensor(op.Output);
        var axis = op.Axis < 0 ? op.Axis + output.Rank : op.Axis;
        if (axis < 0 || axis >= output.Rank) throw new TinyGenException($"{op}: axis {op.Axis} is outside {output.ShapeText}");
        var elementSize = output.Type.SizeInBytes();
        var outer = output.Shape.Take(axis).Aggregate(1, (p, d) => p * d);
        var inner = output.Shape.Skip(axis + 1).Aggregate(1, (p, d) => p * d);

        var parts = new List<(byte[] Bytes, int RunBytes)>();
        var axisTotal = 0;
        foreach (var name in op.Parts)
        {
            var part = context.Tensor(name);
            if (part.Type != output.Type)
                throw new TinyGenException($"{op}: part '{name}' is {part.Type.DisplayName()}, the output is {output.Type.DisplayName()}");
            if (part.Quantization != output.Quantization)
                throw new TinyGenException($"{op}: part '{name}' ({part.Quantization?.ToString() ?? "not quantized"}) and the output " +
                                           $"({output.Quantization?.ToString() ?? "not quantized"}) must share one quantization after lowering");
            var sameOtherDims = part.Rank == output.Rank && Enumerable.Range(0, output.Rank).All(d => d == axis || part.Shape[d] == output.Shape[d]);
            if (!sameOtherDims)
                throw new TinyGenException($"{op}: part '{name}' {part.ShapeText} does not fit the output {output.ShapeText} along axis {axis}");
            axisTotal += part.Shape[axis];
            parts.Add((context.Value(name).Bytes.ToArray(), part.Shape[axis] * inner * elementSize));
        }
        if (axisTotal != output.Shape[axis])
            throw new TinyGenException($"{op}: the parts add up to {axisTotal} along axis {axis}, the output has {output.Shape[axis]}");

        var result = new byte[output.ElementCount * elementSize];
        var offset = 0;
        for (var o = 0; o < outer; o++)
            foreach (var (bytes, run) in parts)
            {
                Array.Copy(bytes, o * run, result, offset, run);
                offset += run;
            }
        return TensorData.FromBytes(output.Type, result);
    }
}
