using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Reference.Kernels;

/// <summary>
/// The two int8 operands of Add/Sub/Mul as the lowered contract allows them: A has the output's
/// shape; B has it too, or is a scalar, or matches the output's innermost dimensions (after its
/// leading 1s), so that output element i reads B[i % B.Length].
/// </summary>
internal sealed record BinaryOperands(sbyte[] A, sbyte[] B, Quantization AQuantization, Quantization BQuantization, Quantization OutputQuantization)
{
    public sbyte BFor(int outputIndex) => B[outputIndex % B.Length];

    public static BinaryOperands For(Binary op, KernelContext context)
    {
        var output = context.Tensor(op.Output);
        var a = context.Tensor(op.A);
        var b = context.Tensor(op.B);
        if (a.ElementCount != output.ElementCount)
            throw new TinyGenException($"{op}: A '{op.A}' {a.ShapeText} must have the output's shape {output.ShapeText}");
        var bDims = b.Shape.SkipWhile(d => d == 1).ToArray();
        var trailing = output.Shape.Skip(output.Rank - bDims.Length).ToArray();
        if (bDims.Length > output.Rank || !bDims.SequenceEqual(trailing))
            throw new TinyGenException($"{op}: B '{op.B}' {b.ShapeText} must be a scalar or match the innermost dimensions of the output {output.ShapeText}");
        return new BinaryOperands(context.Int8(op.A, op), context.Int8(op.B, op),
            context.PerTensorQuantization(op.A, op), context.PerTensorQuantization(op.B, op), context.PerTensorQuantization(op.Output, op));
    }
}
