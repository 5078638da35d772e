namespace TinyGen.Planning.Patching;

/// <summary>
/// One axis of a sliding window (convolution or pooling): output element o reads input elements
/// o * Stride - PadBefore + t * Dilation for t in [0, Kernel). Elementwise ops are the identity window.
/// </summary>
public readonly record struct WindowAxis(int Kernel, int Stride, int Dilation, int PadBefore)
{
    public static readonly WindowAxis Identity = new(1, 1, 1, 0);

    /// <summary>
    /// The input elements that output span <paramref name="output"/> reads, clipped to the input's
    /// <paramref name="inputExtent"/>, and how many padding elements lie before the clipped span
    /// (what the kernel must be told as its padding; zero for a tile away from the border).
    /// Elements past the end need no count: the kernels treat taps beyond the input as padding.
    /// </summary>
    public (TileSpan Span, int Padding) InputOf(TileSpan output, int inputExtent)
    {
        var start = output.Start * Stride - PadBefore;
        var end = (output.End - 1) * Stride - PadBefore + Dilation * (Kernel - 1) + 1;
        var clipped = new TileSpan(Math.Max(0, start), Math.Min(inputExtent, end));
        return (clipped, clipped.Start - start);
    }
}
