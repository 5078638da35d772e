namespace TinyGen.Frontends.Tflite;

/// <summary>
/// A subgraph tensor as the file states it. <see cref="Shape"/> already has the batch taken as 1
/// where shape_signature marks it dynamic; <see cref="Quantization"/> is null for float tensors
/// and tensors without scales.
/// </summary>
public sealed record TfliteTensor(int Index, string Name, byte Type, int[] Shape, uint Buffer, TfliteQuantization? Quantization, bool IsVariable);
