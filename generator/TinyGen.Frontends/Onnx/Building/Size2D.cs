namespace TinyGen.Frontends.Onnx.Building;

/// <summary>A height and width (kernel, stride, dilation). Tuples convert: <c>Kernel = (3, 3)</c>.</summary>
public readonly record struct Size2D(int H, int W)
{
    public static implicit operator Size2D((int H, int W) size) => new(size.H, size.W);

    public override string ToString() => $"{H}x{W}";
}
