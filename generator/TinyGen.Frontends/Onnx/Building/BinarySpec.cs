namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// An elementwise Add or Mul with numpy broadcasting. B is a second graph input, or a quantized
/// constant when <see cref="ConstantB"/> is set (how per-channel and scalar operands usually appear).
/// </summary>
public sealed record BinarySpec(BinaryOp Op, int[] ShapeA, int[] ShapeB)
{
    public bool ConstantB { get; init; }
    public int Seed { get; init; } = 1;

    public static BinarySpec SameShape(BinaryOp op, int[] shape) => new(op, shape, shape);

    /// <summary>B of shape [1, C, 1, 1] for an NCHW A, as a constant.</summary>
    public static BinarySpec PerChannel(BinaryOp op, int[] shapeNchw) =>
        new(op, shapeNchw, [1, shapeNchw[1], 1, 1]) { ConstantB = true };

    /// <summary>B a rank-0 constant.</summary>
    public static BinarySpec Scalar(BinaryOp op, int[] shape) => new(op, shape, []) { ConstantB = true };
}
