namespace TinyGen.Fuzzing;

/// <summary>A well-formed model the fuzzer mutates; <see cref="Name"/> says where it came from.</summary>
public sealed record FuzzSeed(string Name, IModelFormat Format, byte[] Bytes);
