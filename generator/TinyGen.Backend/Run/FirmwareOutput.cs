using TinyGen.Ir;

namespace TinyGen.Run;

/// <summary>One model output as the firmware printed it: its position among the graph outputs and its elements.</summary>
public sealed record FirmwareOutput(int Index, TensorData Values)
{
    public ElementType Type => Values.Type;
}
