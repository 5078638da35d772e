using TinyGen.Diagnostics;
using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>The small readers of tool output: arm-none-eabi-size, -fstack-usage, -MMD, fault exit codes.</summary>
public class ToolOutputParsingTests
{
    [Fact]
    public void Size_output_gives_flash_and_static_ram()
    {
        var size = ImageSize.Parse("   text\t   data\t    bss\t    dec\t    hex\tfilename\n   8424\t     12\t  16664\t  25100\t   620c\t/tmp/app.elf\n");
        Assert.Equal(new ImageSize(8424, 12, 16664), size);
        Assert.Equal(8436, size.FlashBytes);
        Assert.Equal(16676, size.StaticRamBytes);
    }

    [Fact]
    public void Unreadable_size_output_is_a_tool_error()
    {
        var e = Assert.Throws<TinyGenException>(() => ImageSize.Parse("arm-none-eabi-size: app.elf: file format not recognized"));
        Assert.Equal(ExitCodes.ToolError, e.ExitCode);
    }

    [Fact]
    public void Stack_usage_picks_the_largest_frame_over_all_files()
    {
        var folder = RunTestSupport.ScratchFolder("su");
        var a = Path.Combine(folder, "a.su");
        var b = Path.Combine(folder, "b.su");
        File.WriteAllText(a, "/x/tg_convolve_s8.c:12:11:tg_convolve_s8\t48\tstatic\n/x/tg_convolve_s8.c:90:5:helper\t16\tstatic\n");
        File.WriteAllText(b, "/x/model.c:40:12:ex_invoke\t288\tdynamic,bounded\n/x/model.c:80:1:small\t0\tstatic\n");

        var largest = StackUsage.Largest([a, b, Path.Combine(folder, "missing.su")]);

        Assert.Equal(new StackUsage("ex_invoke", 288, true), largest);
        Assert.Equal(StackUsage.None, StackUsage.Largest([]));
    }

    [Fact]
    public void Dependency_file_lists_every_prerequisite()
    {
        var file = Path.Combine(RunTestSupport.ScratchFolder("dep"), "k.d");
        File.WriteAllText(file, "/o/k.o: /src/k.c /inc/tg_nn.h \\\n /inc/tg_math.h /with\\ space/h.h\n");
        Assert.Equal(["/src/k.c", "/inc/tg_nn.h", "/inc/tg_math.h", "/with space/h.h"], DependencyFile.Read(file));
    }

    [Theory]
    [InlineData(131, "HardFault")]
    [InlineData(132, "MemManage fault")]
    [InlineData(133, "BusFault")]
    [InlineData(134, "UsageFault, exit status 134 (or QEMU itself aborted)")]
    [InlineData(0x80 + 16 + 5, "interrupt 5")]
    public void Fault_exits_are_named_by_exception_number(int exitCode, string expected)
    {
        Assert.True(FaultExit.IsFault(exitCode));
        Assert.Contains(expected, FaultExit.Describe(exitCode));
    }

    [Fact]
    public void Ordinary_exits_are_not_faults()
    {
        Assert.False(FaultExit.IsFault(0));
        Assert.False(FaultExit.IsFault(1));
        Assert.False(FaultExit.IsFault(127));
    }
}
