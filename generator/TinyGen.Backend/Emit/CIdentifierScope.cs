namespace TinyGen.Emit;

/// <summary>
/// Hands out unique C identifiers within one namespace of the generated code. Names that sanitize
/// to the same identifier get _2, _3, ... in the order they are claimed (callers claim in a fixed
/// order, so the result is deterministic). Uniqueness ignores case, so an identifier may also be
/// used upper-cased in macro names without colliding.
/// </summary>
public sealed class CIdentifierScope
{
    private readonly HashSet<string> taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> byName = new(StringComparer.Ordinal);

    public CIdentifierScope(IEnumerable<string>? reserved = null)
    {
        foreach (var r in reserved ?? []) taken.Add(r);
    }

    /// <summary>The identifier for <paramref name="name"/>; the same name always gets the same identifier.</summary>
    public string Claim(string name)
    {
        if (byName.TryGetValue(name, out var existing)) return existing;
        var stem = CIdentifier.Sanitize(name);
        var id = stem;
        for (var n = 2; !taken.Add(id); n++) id = $"{stem}_{n}";
        byName[name] = id;
        return id;
    }

    public string this[string name] => byName.TryGetValue(name, out var id) ? id : throw new KeyNotFoundException($"no identifier claimed for '{name}'");
}
