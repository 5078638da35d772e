using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Lowering;

/// <summary>
/// One op of a lowered graph as the firmware will run it: which tg_ function(s) and every argument
/// value, computed at compile time. Data arguments are tensor names; the emitter maps them to the
/// arena or to constant arrays. Calls are records so tests can compare them with hand-worked values.
/// </summary>
public abstract record KernelCall(Operation Op)
{
    /// <summary>Why this kernel was chosen for this layer on this core, e.g. "pointwise 1x1 as GEMM, DSP".</summary>
    public string Reason { get; init; } = "portable C";

    /// <summary>The kernel that does the work (the first of <see cref="Functions"/>), or "" for an alias.</summary>
    public string Kernel => Functions.IsEmpty ? "" : Functions[0];

    /// <summary>The tg_ functions this call invokes, in order (empty for an aliasing Reshape).</summary>
    public abstract ImmutableArray<string> Functions { get; }

    /// <summary>Tensors the call reads (activations and constants).</summary>
    public abstract ImmutableArray<string> Reads { get; }

    /// <summary>Tensors the call writes.</summary>
    public abstract ImmutableArray<string> Writes { get; }

    /// <summary>
    /// Bytes of working memory the kernel needs while it runs (its tg_context buffer); the planner
    /// places them in the arena, live during this call's step only.
    /// </summary>
    public virtual int ScratchBytes => 0;
}

/// <summary>A Reshape, or a Transpose that keeps the bytes in order: the output shares the input's storage, so nothing runs.</summary>
public sealed record AliasCall(Operation Op, string Input, string Output) : KernelCall(Op)
{
    public override ImmutableArray<string> Functions => [];
    public override ImmutableArray<string> Reads => [Input];
    public override ImmutableArray<string> Writes => [Output];
}
