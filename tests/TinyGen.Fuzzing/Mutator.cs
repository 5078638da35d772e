namespace TinyGen.Fuzzing;

/// <summary>
/// One kind of corruption. <see cref="Apply"/> returns a new array (the input is never changed), or null
/// when the input has nothing this mutator can act on (e.g. no node to rename).
/// </summary>
public sealed record Mutator(string Name, Func<byte[], Random, byte[]?> Apply)
{
    public override string ToString() => Name;
}
