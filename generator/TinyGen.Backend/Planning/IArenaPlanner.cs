using TinyGen.Ir;

namespace TinyGen.Planning;

/// <summary>A strategy that places a lowered graph's activation tensors in one arena.</summary>
public interface IArenaPlanner
{
    ArenaPlan Plan(Graph lowered);
}
