using TinyGen.Boards;

namespace TinyGen.Lowering;

/// <summary>
/// What kernel choice needs to know about the core: its name and whether it has the DSP extension
/// (SMLAD, SXTB16) or MVE. <see cref="Portable"/> is a core without either (Cortex-M0+/M3 class).
/// </summary>
public sealed record TargetCore(string Name, bool Dsp, bool Mve)
{
    public static TargetCore Portable { get; } = new("portable", Dsp: false, Mve: false);

    public static TargetCore Of(Board board) => new(board.Core, board.Dsp, board.Mve);
}
