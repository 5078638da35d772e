namespace TinyGen.Boards;

/// <summary>
/// The raw shape of a board YAML file as YamlDotNet fills it. Numbers stay strings here so that
/// hex (0x40004000), underscores and K/M suffixes can be parsed with one rule and errors can name
/// the key; <see cref="BoardCatalog"/> turns this into a checked <see cref="Board"/>.
/// </summary>
internal sealed class BoardYaml
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Core { get; set; }
    public bool? Fpu { get; set; }
    public bool? Dsp { get; set; }
    public bool? Mve { get; set; }
    public List<string>? Cflags { get; set; }
    public string? CpuHz { get; set; }
    public string? UartBase { get; set; }
    public MemoryYaml? Memory { get; set; }
    public BudgetYaml? Budget { get; set; }
    public string? LinkerScript { get; set; }
    public QemuYaml? Qemu { get; set; }
    public string? StackSize { get; set; }
    public string? Uart { get; set; }
    public RenodeYaml? Renode { get; set; }
    public PlatformioYaml? Platformio { get; set; }

    internal sealed class MemoryYaml
    {
        public string? FlashOrigin { get; set; }
        public string? FlashSize { get; set; }
        public string? RamOrigin { get; set; }
        public string? RamSize { get; set; }
    }

    internal sealed class BudgetYaml
    {
        public string? Flash { get; set; }
        public string? Sram { get; set; }
    }

    internal sealed class RenodeYaml
    {
        public string? Platform { get; set; }
        public string? Uart { get; set; }
    }

    internal sealed class PlatformioYaml
    {
        public string? Board { get; set; }
        public string? Platform { get; set; }
        public string? Framework { get; set; }
    }

    internal sealed class QemuYaml
    {
        public string? Machine { get; set; }
        public string? Cpu { get; set; }
    }
}
