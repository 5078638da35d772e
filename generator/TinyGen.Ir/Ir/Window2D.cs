namespace TinyGen.Ir;

/// <summary>Explicit padding of a 2-D window, in elements.</summary>
public readonly record struct Padding2D(int Top, int Left, int Bottom, int Right)
{
    public static readonly Padding2D None = new(0, 0, 0, 0);
    public bool IsZero => Top == 0 && Left == 0 && Bottom == 0 && Right == 0;
    public Padding2D Plus(Padding2D other) => new(Top + other.Top, Left + other.Left, Bottom + other.Bottom, Right + other.Right);
    public override string ToString() => $"{Top},{Left},{Bottom},{Right}";
}

/// <summary>ONNX auto_pad; resolved into explicit <see cref="Padding2D"/> by shape inference.</summary>
public enum AutoPad
{
    NotSet,
    Valid,
    SameUpper,
    SameLower,
}

/// <summary>The geometry shared by convolution and pooling: kernel, stride, dilation and padding.</summary>
public sealed record Window2D(int KernelH, int KernelW, int StrideH = 1, int StrideW = 1, int DilationH = 1, int DilationW = 1, Padding2D Padding = default, AutoPad AutoPad = AutoPad.NotSet)
{
    public int EffectiveKernelH => DilationH * (KernelH - 1) + 1;
    public int EffectiveKernelW => DilationW * (KernelW - 1) + 1;

    public int OutputHeight(int inputHeight) => (inputHeight + Padding.Top + Padding.Bottom - EffectiveKernelH) / StrideH + 1;
    public int OutputWidth(int inputWidth) => (inputWidth + Padding.Left + Padding.Right - EffectiveKernelW) / StrideW + 1;

    /// <summary>Turns auto_pad into explicit padding for the given input size (ONNX's formula).</summary>
    public Window2D Resolve(int inputHeight, int inputWidth)
    {
        if (AutoPad is AutoPad.NotSet) return this;
        if (AutoPad is AutoPad.Valid) return this with { Padding = Padding2D.None, AutoPad = AutoPad.NotSet };
        var (top, bottom) = SamePadding(inputHeight, StrideH, EffectiveKernelH, AutoPad);
        var (left, right) = SamePadding(inputWidth, StrideW, EffectiveKernelW, AutoPad);
        return this with { Padding = new Padding2D(top, left, bottom, right), AutoPad = AutoPad.NotSet };
    }

    private static (int Begin, int End) SamePadding(int input, int stride, int kernel, AutoPad mode)
    {
        var output = (input + stride - 1) / stride;
        var total = Math.Max(0, (output - 1) * stride + kernel - input);
        var small = total / 2;
        return mode == AutoPad.SameUpper ? (small, total - small) : (total - small, small);
    }

    public override string ToString() =>
        $"k{KernelH}x{KernelW} s{StrideH}x{StrideW}" + (DilationH * DilationW != 1 ? $" d{DilationH}x{DilationW}" : "") + (Padding.IsZero ? "" : $" p{Padding}");
}
