using System.Collections.Immutable;
using System.Globalization;

namespace TinyGen.Lowering;

/// <summary>
/// A model whose only fully connected layers are small classifier heads (VWW's 256 -> 2, KWS's 64 -> 12)
/// keeps them on the portable kernel: tg_fully_connected_s8_fast is 1.4 KB of code to save about two
/// instructions per MAC, fewer than a thousand instructions on such a head. Where some fully
/// connected layer is large enough to want the fast kernel, it is linked anyway and every layer takes it.
/// </summary>
public static class TinyFullyConnectedHeads
{
    /// <summary>Below this many MACs per inference a fully connected layer counts as a head.</summary>
    public const long HeadMacs = 1024;

    public static long Macs(FastFullyConnectedCall call) => (long)call.InputDims.N * call.FilterDims.N * call.FilterDims.C;

    /// <summary><paramref name="calls"/> with every fast fully connected call put back on <paramref name="portable"/>'s call when all of them are heads.</summary>
    public static ImmutableArray<KernelCall> Apply(ImmutableArray<KernelCall> calls, Func<int, KernelCall> portable)
    {
        var fast = calls.OfType<FastFullyConnectedCall>().ToList();
        if (fast.Count == 0 || fast.Any(f => Macs(f) >= HeadMacs)) return calls;
        return calls.Select((call, i) => call is FastFullyConnectedCall f
            ? portable(i) with { Reason = $"portable C: a head of {Macs(f).ToString("N0", CultureInfo.InvariantCulture)} MACs, the model's only fully connected layers are this small, so the fast kernel's code would not pay" }
            : call).ToImmutableArray();
    }
}
