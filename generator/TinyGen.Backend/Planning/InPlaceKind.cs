namespace TinyGen.Planning;

/// <summary>How an op's output may share its input's bytes.</summary>
public enum InPlaceKind
{
    /// <summary>The output is the input's bytes seen another way (Reshape, a Transpose that moves only unit axes): always shared.</summary>
    View,

    /// <summary>The kernel writes element i after reading what element i needs (elementwise ops): shared whenever the input dies at this op.</summary>
    Overwrite,

    /// <summary>
    /// A kernel with a scratch of its own can write over the input (the portable in-place depthwise and
    /// 1x1 convolutions, slower than their regular kernels; the DSP pointwise kernel, which is the same
    /// kernel either way): shared only where it lowers the arena, with that kernel's scratch instead of
    /// the usual one.
    /// </summary>
    SlowOverwrite,
}
