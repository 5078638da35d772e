namespace TinyGen.Planning.Patching;

/// <summary>A half-open range [Start, End) of rows or columns of one tensor.</summary>
public readonly record struct TileSpan(int Start, int End)
{
    public int Length => End - Start;

    public bool IsEmpty => End <= Start;

    /// <summary>The smallest span holding both (a tensor read by two consumers keeps what either needs).</summary>
    public TileSpan Hull(TileSpan other) => IsEmpty ? other : other.IsEmpty ? this : new(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public bool Contains(TileSpan other) => other.IsEmpty || (Start <= other.Start && other.End <= End);

    public override string ToString() => $"[{Start},{End})";
}
