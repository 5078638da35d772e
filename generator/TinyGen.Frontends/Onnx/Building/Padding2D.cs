namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// Spatial padding of a conv or pool: explicit amounts or one of ONNX's auto_pad modes.
/// Explicit pads are written in ONNX order [top, left, bottom, right].
/// </summary>
public sealed record Padding2D(int Top, int Left, int Bottom, int Right, string? AutoPad = null)
{
    public static Padding2D None { get; } = new(0, 0, 0, 0);
    public static Padding2D SameUpper { get; } = new(0, 0, 0, 0, "SAME_UPPER");
    public static Padding2D SameLower { get; } = new(0, 0, 0, 0, "SAME_LOWER");
    public static Padding2D Valid { get; } = new(0, 0, 0, 0, "VALID");

    public static Padding2D Explicit(int top, int left, int bottom, int right) => new(top, left, bottom, right);

    public static Padding2D Symmetric(int padH, int padW) => new(padH, padW, padH, padW);

    public bool IsAuto => AutoPad is not null;

    /// <summary>The (begin, end) padding of one spatial axis (0 = H, 1 = W) for the given geometry.</summary>
    internal (int Begin, int End) Resolve(int axis, int input, int kernel, int stride, int dilation)
    {
        switch (AutoPad)
        {
            case null:
                return axis == 0 ? (Top, Bottom) : (Left, Right);
            case "VALID":
                return (0, 0);
            case "SAME_UPPER" or "SAME_LOWER":
            {
                int output = (input + stride - 1) / stride;
                int effectiveKernel = (kernel - 1) * dilation + 1;
                int total = Math.Max(0, (output - 1) * stride + effectiveKernel - input);
                int small = total / 2;
                // SAME_UPPER puts the odd extra pixel at the end, SAME_LOWER at the beginning.
                return AutoPad == "SAME_UPPER" ? (small, total - small) : (total - small, small);
            }
            default:
                throw new ArgumentException($"Unknown auto_pad '{AutoPad}'.");
        }
    }
}
