using TinyGen.Diagnostics;
using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>The host build (gcc + ASan/UBSan) of the same harness, kernels and project.</summary>
public class HostRunnerTests
{
    [HostToolsFact]
    public void Example_model_prints_the_same_hand_verified_outputs_on_the_host()
    {
        var result = Run(RunTestSupport.ExampleProject());

        // firmware/harness/example/expected.txt, confirmed by reference.c.
        Assert.Equal(new sbyte[] { 20, 25, 15, 30 }, result.Outputs[0].Values.ToInt8());
        Assert.Equal(new sbyte[] { -96, -61, -113, 14 }, result.Outputs[1].Values.ToInt8());
        Assert.Equal(new[] { 32f / 256, 67f / 256, 15f / 256, 142f / 256 }, result.Outputs[2].Values.ToFloats());
        Assert.Equal(0, result.Instructions); // no instruction counter on the host
    }

    [HostToolsFact]
    public void An_out_of_bounds_write_is_caught_by_address_sanitizer()
    {
        // Through a pointer, so UBSan's array-bounds check cannot see it and AddressSanitizer must.
        var e = Assert.Throws<TinyGenException>(() => Run(RunTestSupport.TinyProject("int8_t *volatile p = out; p[3] = 1; return 0;")));
        Assert.Equal(ExitCodes.FirmwareError, e.ExitCode);
        Assert.Contains("AddressSanitizer found a memory error", e.Message);
        Assert.Contains("global-buffer-overflow", e.Message);
    }

    [HostToolsFact]
    public void A_signed_overflow_is_caught_by_undefined_behaviour_sanitizer()
    {
        var e = Assert.Throws<TinyGenException>(() =>
            Run(RunTestSupport.TinyProject("volatile int x = 2147483647; out[0] = (int8_t)(x + 1); return 0;")));
        Assert.Equal(ExitCodes.FirmwareError, e.ExitCode);
        Assert.Contains("signed integer overflow", e.Message);
    }

    [HostToolsFact]
    public void A_failed_invoke_is_reported_like_on_the_firmware()
    {
        var e = Assert.Throws<TinyGenException>(() => Run(RunTestSupport.TinyProject("return -1;")));
        Assert.Contains("invoke returned -1", e.Message);
    }

    private static FirmwareResult Run(string project)
    {
        var runner = HostRunner.TryCreate(RunTestSupport.Firmware, ObjectCache.Default(), out _)!;
        return runner.Run(runner.Build(project, Path.Combine(project, "out")));
    }
}
