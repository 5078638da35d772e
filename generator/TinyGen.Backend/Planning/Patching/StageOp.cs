using System.Collections.Immutable;
using TinyGen.Ir;

namespace TinyGen.Planning.Patching;

/// <summary>One activation input of a stage op and the window through which each output element reads it.</summary>
public sealed record StageOperand(string Tensor, WindowAxis Rows, WindowAxis Cols);

/// <summary>An op of the per-patch stage: its step in the graph, its activation operands and its output.</summary>
public sealed record StageOp(Operation Op, int Step, ImmutableArray<StageOperand> Operands, string Output);
