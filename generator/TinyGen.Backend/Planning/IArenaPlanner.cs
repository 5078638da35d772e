using System.Collections.Immutable;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Planning;

/// <summary>A strategy that orders a lowered graph's kernel calls and places their tensors and scratch in one arena.</summary>
public interface IArenaPlanner
{
    ArenaPlan Plan(Graph lowered, ImmutableArray<KernelCall> calls);
}
