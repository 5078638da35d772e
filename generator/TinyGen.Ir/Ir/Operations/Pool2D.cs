namespace TinyGen.Ir;

public enum PoolKind
{
    Max,
    Average,
}

/// <summary>
/// Max or average pooling. A global pool has <see cref="Global"/> set and gets its window from
/// the input size during shape inference. Padding is never counted in an average (TFLite's rule);
/// ONNX's count_include_pad = 1 with non-zero padding is rejected by the front end.
/// </summary>
public sealed record Pool2D(string Name, PoolKind Pool, string Input, string Output, Window2D Window, bool Global, FusedActivation Activation, Layout Layout)
    : UnaryOperation(Name, Input, Output)
{
    public override string Kind => Global ? $"Global{Pool}Pool" : $"{Pool}Pool";
}
