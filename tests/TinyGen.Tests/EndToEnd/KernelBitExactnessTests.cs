using TinyGen.Lowering;
using TinyGen.Planning;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// Single-op models (see <see cref="KernelCases"/>) compiled, built with arm-none-eabi-gcc and run in
/// QEMU: the firmware's outputs must equal the reference interpreter's byte for byte. The reference is
/// the independent oracle here (C# integer arithmetic, never the emitted C), so any difference is a
/// kernel, planner or emitter bug. One theory per op family keeps failures easy to read.
/// </summary>
public sealed class KernelBitExactnessTests(ITestOutputHelper output)
{
    public static TheoryData<string> Convolutions => KernelCases.Names("conv");
    public static TheoryData<string> DepthwiseConvolutions => KernelCases.Names("depthwise");
    public static TheoryData<string> InPlaceConvolutions =>
        new(KernelCases.All.Keys.Where(n => n.StartsWith("inplace", StringComparison.Ordinal) ||
                                            (n.StartsWith("depthwise", StringComparison.Ordinal) && n.Contains("_m1_", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal));
    public static TheoryData<string> FullyConnectedLayers => KernelCases.Names("fc");
    public static TheoryData<string> Elementwise => KernelCases.Names("binary");
    public static TheoryData<string> Pools => KernelCases.Names("pool");
    public static TheoryData<string> GlobalPools => KernelCases.Names("globalavgpool");
    public static TheoryData<string> Softmaxes => KernelCases.Names("softmax");
    public static TheoryData<string> Concats => KernelCases.Names("concat");
    public static TheoryData<string> DataMovement => new([.. KernelCases.Names("reshape"), .. KernelCases.Names("flatten"), .. KernelCases.Names("transpose")]);
    public static TheoryData<string> Chains => KernelCases.Names("chain");
    public static TheoryData<string> TfliteOps => KernelCases.Names("fn");

    [RequiresFirmwareTheory]
    [MemberData(nameof(Convolutions))]
    public void Conv(string name) => Run(name);

    // The regular kernel: without this the planner would run single-op depthwise models in place.
    [RequiresFirmwareTheory]
    [MemberData(nameof(DepthwiseConvolutions))]
    public void Depthwise_conv(string name) => Run(name, new PlannerOptions { OptionalInPlace = InPlacePolicy.Never });

    // tg_depthwise_conv_inplace_s8 and tg_convolve_1x1_inplace_s8 wherever they are legal.
    [RequiresFirmwareTheory]
    [MemberData(nameof(InPlaceConvolutions))]
    public void In_place_depthwise_and_1x1_conv(string name) => Run(name, new PlannerOptions { OptionalInPlace = InPlacePolicy.Everywhere }, expectInPlace: true);

    [RequiresFirmwareTheory]
    [MemberData(nameof(FullyConnectedLayers))]
    public void Fully_connected(string name) => Run(name);

    [RequiresFirmwareTheory]
    [MemberData(nameof(Elementwise))]
    public void Add_and_mul(string name) => Run(name);

    [RequiresFirmwareTheory]
    [MemberData(nameof(Pools))]
    public void Max_and_average_pool(string name) => Run(name);

    [RequiresFirmwareTheory]
    [MemberData(nameof(GlobalPools))]
    public void Global_average_pool(string name) => Run(name);

    [RequiresFirmwareTheory]
    [MemberData(nameof(Softmaxes))]
    public void Softmax(string name) => Run(name);

    [RequiresFirmwareTheory]
    [MemberData(nameof(Concats))]
    public void Concat(string name) => Run(name);

    [RequiresFirmwareTheory]
    [MemberData(nameof(DataMovement))]
    public void Reshape_flatten_transpose(string name) => Run(name);

    [RequiresFirmwareTheory]
    [MemberData(nameof(Chains))]
    public void Small_chains(string name) => Run(name);

    [RequiresFirmwareTheory]
    [MemberData(nameof(TfliteOps))]
    public void Logistic_hard_swish_mean_sub_and_pad(string name) => Run(name);

    [Fact]
    public void The_case_set_is_bounded_and_covers_every_board()
    {
        // CI budget: each case is one gcc link and one QEMU run.
        Assert.InRange(KernelCases.All.Count, 50, 90);
        foreach (var board in new[] { KernelCases.M4, KernelCases.M3, KernelCases.M55 })
            Assert.Contains(KernelCases.All.Values, c => c.Board == board);
        // Shapes come from a fixed seed: the same names every run, so a failure reproduces.
        Assert.Contains(KernelCases.All.Keys, n => n.StartsWith("conv", StringComparison.Ordinal) && n.Contains("_d2_", StringComparison.Ordinal));
    }

    private void Run(string name, PlannerOptions? planner = null, bool expectInPlace = false)
    {
        var kernelCase = KernelCases.All[name];
        output.WriteLine(name);
        // Reshape-only models legitimately run zero instructions (the output aliases the input), so only equality is asserted.
        var result = FirmwareCheck.Verify(kernelCase.Build(), name, kernelCase.Board, output, seed: StableSeed(name), planner);
        var inPlace = result.Compilation.Project.Calls.Count(c => c is InPlaceDepthwiseConvCall or InPlacePointwiseConvCall or FastPointwiseConvCall { InPlace: true });
        if (expectInPlace) Assert.True(inPlace > 0, "no in-place kernel ran");
        if (planner?.OptionalInPlace == InPlacePolicy.Never) Assert.Equal(0, inPlace);
    }

    /// <summary>A per-case input seed that does not depend on the runtime's string hashing (FNV-1a).</summary>
    internal static int StableSeed(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7fff_ffff);
    }
}
