using TinyGen.Ir;
using TinyGen.Planning;

namespace TinyGen.Emit;

/// <summary>
/// Names and places of the generated model's data: the symbol prefix (tg_&lt;model&gt;), the arena,
/// and for each tensor a pointer description that templates/partials/ptr.hbs renders — an arena
/// offset cast to the element type, or the name of a constant array.
/// </summary>
internal sealed class ModelSymbols(Graph graph, ArenaPlan plan, string prefix, ConstantTables constants)
{
    public string Prefix => prefix;
    public string Arena => prefix + "_arena";

    public long Offset(string tensor) => plan[tensor].Offset;

    public PointerView Pointer(string tensor)
    {
        var t = graph[tensor];
        return t.IsConstant
            ? new PointerView(true, constants.ForTensor(t), CTypes.Of(t.Type), Arena, "0")
            : new PointerView(false, "", CTypes.Of(t.Type), Arena, CLiteral.Int(Offset(tensor)));
    }

    /// <summary>The tg_context of the call at execution position <paramref name="step"/>: its scratch in the arena, or none.</summary>
    public ScratchView Scratch(int step) =>
        plan.ScratchAt(step) is { } scratch
            ? new ScratchView(true, Arena, CLiteral.Int(scratch.Offset), CLiteral.Int(scratch.Size))
            : new ScratchView(false, Arena, "0", "0");

    /// <summary>The tensor's bytes seen as int8 (byte-wise kernels such as transpose).</summary>
    public PointerView BytePointer(string tensor) => Pointer(tensor) with { CType = "int8_t" };
}

/// <summary>What the ptr partial needs to write a tensor's address.</summary>
public sealed record PointerView(bool Constant, string Name, string CType, string Arena, string Offset);

/// <summary>What the context partial needs to write a kernel's tg_context.</summary>
public sealed record ScratchView(bool Present, string Arena, string Offset, string Size);
