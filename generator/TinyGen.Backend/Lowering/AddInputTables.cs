using System.Collections.Immutable;
using TinyGen.Arithmetic;

namespace TinyGen.Lowering;

/// <summary>
/// The compile-time half of tg_elementwise_add_s8_fast (tg_nn_fast.h): an int8 ADD or SUB rescales
/// each input with its own fixed multiplier before adding, and an input has only 256 codes, so both
/// rescalings are tables of 256 int32 indexed by the byte (entry u for code (sbyte)u). SUB's second
/// table holds the negated values, so the kernel always adds.
/// </summary>
public sealed record AddInputTables(ImmutableArray<int> Input1, ImmutableArray<int> Input2)
{
    public const int Entries = 256;

    public static AddInputTables For(ElementwiseAddCall call) => new(
        Table(call.Input1Offset, call.LeftShift, call.Input1Multiplier, negate: false),
        Table(call.Input2Offset, call.LeftShift, call.Input2Multiplier, negate: call.Subtract));

    /// <summary>Entry u: MultiplyByQuantizedMultiplier(((sbyte)u + offset) * 2^leftShift), negated (mod 2^32) for SUB's second input.</summary>
    public static ImmutableArray<int> Table(int offset, int leftShift, QuantizedMultiplier multiplier, bool negate)
    {
        var table = ImmutableArray.CreateBuilder<int>(Entries);
        for (var u = 0; u < Entries; u++)
        {
            var scaled = unchecked(((sbyte)u + offset) << leftShift);
            var value = FixedPoint.MultiplyByQuantizedMultiplier(scaled, multiplier);
            table.Add(negate ? unchecked(-value) : value);
        }
        return table.MoveToImmutable();
    }
}
