using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>output[i0..ik] = input[j] with j[Perm[d]] = i[d], for any rank and element type.</summary>
public static class TransposeKernel
{
    public static TensorData Evaluate(Transpose op, KernelContext context)
    {
        var input = context.Tensor(op.Input);
        var output = context.Tensor(op.Output);
        var rank = input.Rank;
        var perm = op.Perm;
        if (perm.Length != rank || perm.Order().Select((p, i) => p == i).Any(ok => !ok))
            throw new TinyGenException($"{op}: perm [{string.Join(",", perm)}] is not a permutation of the {rank} axes of {input.ShapeText}");
        if (output.Type != input.Type || output.Rank != rank || Enumerable.Range(0, rank).Any(d => output.Shape[d] != input.Shape[perm[d]]))
            throw new TinyGenException($"{op}: output {output.ShapeText} is not input {input.ShapeText} permuted by [{string.Join(",", perm)}]");
        if (input.Quantization != output.Quantization)
            throw new TinyGenException($"{op}: input and output must share one quantization after lowering");

        var inputStrides = new long[rank];
        for (long d = rank - 1, stride = 1; d >= 0; stride *= input.Shape[(int)d], d--) inputStrides[d] = stride;
        // walking the output in order, axis d of the output advances the input by the stride of axis perm[d]
        var strideInInput = Enumerable.Range(0, rank).Select(d => inputStrides[perm[d]]).ToArray();

        var size = input.Type.SizeInBytes();
        var source = context.Value(op.Input).Bytes;
        var result = new byte[output.ElementCount * size];
        var index = new int[rank];
        long inputOffset = 0;
        for (long o = 0; o < output.ElementCount; o++)
        {
            source.Slice((int)(inputOffset * size), size).CopyTo(result.AsSpan((int)(o * size), size));
            for (var d = rank - 1; d >= 0; d--) // odometer increment
            {
                index[d]++;
                inputOffset += strideInInput[d];
                if (index[d] < output.Shape[d]) break;
                inputOffset -= strideInInput[d] * index[d];
                index[d] = 0;
            }
        }
        return TensorData.FromBytes(output.Type, result);
    }
}
