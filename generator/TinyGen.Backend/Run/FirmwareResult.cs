namespace TinyGen.Run;

/// <summary>
/// Everything one harness run reported.
/// </summary>
/// <param name="Outputs">The model outputs in graph order.</param>
/// <param name="Instructions">Instructions executed by the model invoke, from SysTick under -icount shift=0
/// (a relative cost measure, not cycles; resolution one SysTick tick).</param>
/// <param name="StackBytes">The stack high-water mark the harness measured by painting the stack.</param>
/// <param name="Status">What the model's invoke function returned (0 = TG_OK).</param>
public sealed record FirmwareResult(IReadOnlyList<FirmwareOutput> Outputs, long Instructions, long StackBytes, int Status)
{
    /// <summary>
    /// Instructions per op of the lowered graph (index = op index), from TG_LAYER lines; empty unless
    /// the firmware was built with TG_LAYER_COUNTS. Each includes the marker's own few instructions.
    /// </summary>
    public IReadOnlyList<long> LayerInstructions { get; init; } = [];
}
