namespace TinyGen.Planning;

/// <summary>What an arena buffer holds: an activation tensor, or a kernel's working memory for one step.</summary>
public enum BufferKind
{
    Tensor,
    Scratch,
}
