using TinyGen.Run;

namespace TinyGen.Tests.Run;

public class ToolchainTests
{
    [Fact]
    public void Missing_tools_are_named_with_the_packages_to_install()
    {
        var toolchain = Toolchain.TryLocate(name => name == Toolchain.ArmSizeName ? "/opt/size" : null, out var missing);

        Assert.Null(toolchain);
        Assert.Equal(
            "arm-none-eabi-gcc, qemu-system-arm not found on PATH; install it with 'apt-get install gcc-arm-none-eabi qemu-system-arm'",
            missing);
    }

    [Fact]
    public void All_tools_found_gives_their_paths()
    {
        var toolchain = Toolchain.TryLocate(name => "/usr/bin/" + name, out var missing);

        Assert.Null(missing);
        Assert.Equal(new Toolchain("/usr/bin/arm-none-eabi-gcc", "/usr/bin/arm-none-eabi-size", "/usr/bin/qemu-system-arm"), toolchain);
    }
}
