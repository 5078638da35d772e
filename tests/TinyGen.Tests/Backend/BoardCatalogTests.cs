using TinyGen.Boards;
using TinyGen.Diagnostics;

namespace TinyGen.Tests.Backend;

public class BoardCatalogTests
{
    private const string Yaml = """
        name: test-m4
        description: a test board
        core: cortex-m4
        fpu: true
        dsp: true
        mve: false
        cflags: [-mcpu=cortex-m4, -mthumb, -mfloat-abi=hard]
        cpu_hz: 25000000
        uart_base: 0x40004000
        memory: { flash_origin: 0x00000000, flash_size: 4M, ram_origin: 0x2000_0000, ram_size: 256K }
        budget: { flash: 1048576, sram: 131072 }
        linker_script: test-m4.ld
        qemu: { machine: mps2-an386, cpu: null }
        stack_size: 16384
        some_future_key: ignored
        """;

    [Fact]
    public void Parses_every_key_including_hex_and_size_suffixes()
    {
        var board = BoardCatalog.Parse(Yaml, "/x/boards/test-m4.yaml");
        Assert.Equal("test-m4", board.Name);
        Assert.Equal("cortex-m4", board.Core);
        Assert.True(board.Fpu && board.Dsp && !board.Mve);
        Assert.Equal(["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard"], board.CFlags.ToArray());
        Assert.Equal(25_000_000UL, board.CpuHz);
        Assert.Equal(0x40004000UL, board.UartBase);
        Assert.Equal(new BoardMemory(0, 4UL << 20, 0x20000000, 256UL << 10), board.Memory);
        Assert.Equal(new BoardBudget(1048576, 131072), board.Budget);
        Assert.Equal(new QemuTarget("mps2-an386", null), board.Qemu);
        Assert.Equal(16384UL, board.StackSize);
        Assert.Equal("/x/boards/test-m4.ld", board.LinkerScriptPath);
    }

    [Fact]
    public void Missing_or_malformed_keys_are_named()
    {
        var noCore = Assert.Throws<TinyGenException>(() => BoardCatalog.Parse(Yaml.Replace("core: cortex-m4\n", ""), "b.yaml"));
        Assert.Contains("'core'", noCore.Message);
        var badHz = Assert.Throws<TinyGenException>(() => BoardCatalog.Parse(Yaml.Replace("cpu_hz: 25000000", "cpu_hz: fast"), "b.yaml"));
        Assert.Contains("'cpu_hz'", badHz.Message);
    }

    [Fact]
    public void Unknown_board_error_lists_the_known_ones()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "test-m4.yaml"), Yaml);
        File.WriteAllText(Path.Combine(folder.Path, "other.yaml"), Yaml.Replace("name: test-m4", "name: other"));
        var catalog = BoardCatalog.Load(folder.Path);
        Assert.Equal(["other", "test-m4"], catalog.List().Select(b => b.Name).ToArray());
        var error = Assert.Throws<TinyGenException>(() => catalog.Get("nope"));
        Assert.Contains("'nope'", error.Message);
        Assert.Contains("other, test-m4", error.Message);
    }

    [Fact]
    public void The_product_boards_all_load()
    {
        var catalog = BoardCatalog.Load(BackendTestGraphs.Boards);
        Assert.NotEmpty(catalog.List());
        foreach (var board in catalog.List())
        {
            Assert.True(File.Exists(board.LinkerScriptPath), $"{board.Name}: {board.LinkerScriptPath} is missing");
            Assert.True(board.CpuHz > 0 && board.StackSize > 0);
        }
        var an385 = catalog.Get("mps2-an385");
        Assert.Equal(0x40004000UL, an385.UartBase);
        Assert.False(an385.Fpu);
    }

    [Fact]
    public void Product_paths_find_the_checkout_folders()
    {
        Assert.True(Directory.Exists(Path.Combine(ProductPaths.Templates, "calls")));
        Assert.True(File.Exists(Path.Combine(ProductPaths.Firmware, "include", "tg_nn.h")));
        Assert.True(Directory.Exists(ProductPaths.Boards));
    }
}
