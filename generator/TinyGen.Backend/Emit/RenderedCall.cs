namespace TinyGen.Emit;

/// <summary>
/// The C of one entry in the model's invoke, and the layer index its TG_LAYER_DONE mark reports
/// (null when the code marks its layers itself, as a patch stage does inside its tile loop).
/// </summary>
public sealed record RenderedCall(string Code, string? Layer)
{
    public bool Marked => Layer is not null;
}
