namespace TinyGen.Fuzzing;

/// <summary>
/// One mutated model: the seed it came from and the mutations applied, in order. <see cref="Index"/> and
/// the fuzzer's master seed reproduce it exactly; the bytes are also what a failure's reproducer file holds.
/// </summary>
public sealed record FuzzCase(long Index, FuzzSeed Seed, IReadOnlyList<string> Mutations, byte[] Bytes)
{
    public string Describe => $"case {Index}: {Seed.Format.Name} seed '{Seed.Name}' with {(Mutations.Count == 0 ? "no mutation" : string.Join(" + ", Mutations))}";
}
