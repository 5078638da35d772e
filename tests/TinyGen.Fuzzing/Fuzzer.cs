namespace TinyGen.Fuzzing;

/// <summary>
/// Makes mutated models: case <c>i</c> of master seed <c>s</c> is always the same seed model with the same
/// one to three mutations (format-aware ones more often than byte-level ones), so an index reproduces a case.
/// </summary>
public sealed class Fuzzer(IReadOnlyList<FuzzSeed> seeds, int masterSeed)
{
    private const int AttemptsPerMutation = 8;

    public IReadOnlyList<FuzzSeed> Seeds => seeds;
    public int MasterSeed => masterSeed;

    public FuzzCase Case(long index)
    {
        if (seeds.Count == 0) throw new InvalidOperationException("the fuzzer has no seeds");
        var random = new Random(CaseSeed(index));
        var seed = seeds[random.Next(seeds.Count)];
        var bytes = seed.Bytes;
        var applied = new List<string>();
        var mutations = random.Next(4) == 0 ? 2 + random.Next(2) : 1;
        for (var m = 0; m < mutations; m++)
        {
            for (var attempt = 0; attempt < AttemptsPerMutation; attempt++)
            {
                var pool = random.Next(5) < 3 ? seed.Format.Mutators : ByteMutators.All;
                var mutator = pool[random.Next(pool.Count)];
                if (mutator.Apply(bytes, random) is not { } mutated) continue;
                bytes = mutated;
                applied.Add(mutator.Name);
                break;
            }
        }
        return new FuzzCase(index, seed, applied, bytes);
    }

    /// <summary>A well-mixed 32-bit seed from the master seed and the index (SplitMix64's finalizer), the same on every run and machine.</summary>
    private int CaseSeed(long index)
    {
        var z = unchecked((ulong)masterSeed * 0x9E3779B97F4A7C15UL + (ulong)index);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
