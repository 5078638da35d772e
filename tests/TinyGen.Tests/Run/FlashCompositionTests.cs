using TinyGen.Frontends.Onnx.Building;
using TinyGen.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;
using Padding2D = TinyGen.Frontends.Onnx.Building.Padding2D;

namespace TinyGen.Tests.Run;

public sealed class FlashCompositionTests(ITestOutputHelper output)
{
    /// <summary>A map as GNU ld 2.40 writes it (trimmed): discarded sections first, both line forms, fill, symbols.</summary>
    private const string Map = """
        Discarded input sections

         .text.tg_unused
                        0x00000000       0x40 /b/obj/product/tg_pad_s8.o

        Linker script and memory map

        .vectors        0x00000000      0x100
         *(.tg_vectors)
         .tg_vectors    0x00000000      0x100 /b/obj/product/startup.o
                        0x00000000                tg_vector_table

        .text           0x00000100      0x400
         *(.text .text.* .gnu.linkonce.t.*)
         .text.tg_avgpool_s8
                        0x00000100      0x274 /b/obj/product/tg_avgpool_s8.o
                        0x00000100                tg_avgpool_s8
         .text.tg_m_invoke
                        0x00000374       0x20 /b/obj/project/000/m.o
         *fill*         0x00000394        0x4 
         .text.startup.main
                        0x00000398       0x30 /b/obj/product/harness.o
         .text          0x000003c8       0x30 /usr/lib/gcc/arm-none-eabi/12.2.1/thumb/v7e-m+fp/hard/libgcc.a(_aeabi_uldivmod.o)
         .glue_7        0x000003f8        0x0 linker stubs

        .rodata         0x000003f8       0x50
         .rodata.params.4
                        0x000003f8        0x8 /b/obj/project/000/m.o
         .rodata.tg_m_c_weights
                        0x00000400       0x40 /b/obj/project/000/m.o
         .rodata.tg_input_bytes
                        0x00000440        0x8 /b/obj/project/002/tg_test_input.o

        .bss            0x20000000      0x200
         .bss.tg_m_arena
                        0x20000000      0x200 /b/obj/project/000/m.o
        """;

    [Fact]
    public void Reads_kept_input_sections_in_both_line_forms()
    {
        var sections = LinkerMap.InputSections(Map);
        Assert.DoesNotContain(sections, s => s.Name == ".text.tg_unused");
        Assert.Contains(new LinkedSection(".text.tg_avgpool_s8", 0x274, "/b/obj/product/tg_avgpool_s8.o"), sections);
        Assert.Contains(new LinkedSection(".tg_vectors", 0x100, "/b/obj/product/startup.o"), sections);
        Assert.Contains(sections, s => s.Name == ".text" && s.Bytes == 0x30 && s.Object.EndsWith("libgcc.a(_aeabi_uldivmod.o)", StringComparison.Ordinal));
        Assert.Equal(10, sections.Count);
    }

    [Fact]
    public void Splits_flash_into_model_weights_kernels_harness_and_library()
    {
        var harness = new HashSet<string> { "startup.o", "harness.o", "tg_test_input.o" };
        var c = FlashComposition.Of(LinkerMap.InputSections(Map), "tg_m", harness);
        Assert.Equal(0x20 + 0x8, c.ModelCode);
        Assert.Equal(0x40, c.Weights);
        Assert.Equal(0x274, c.Kernels);
        Assert.Equal(0x100 + 0x30 + 0x8, c.Harness);
        Assert.Equal(0x30, c.Library);
        Assert.Equal(0x274 + 0x28, c.ModelAndKernelCode);
    }

    [RequiresFirmwareFact]
    public void A_real_image_splits_into_parts_that_fill_its_flash()
    {
        var c = new QuantizedModelComposer();
        var x = c.Transpose(c.Input([1, 10, 10, 4], seed: 2), [0, 3, 1, 2]);
        x = c.Conv(x, new ConvSpec(x.Shape.ToArray(), 8) { Pads = Padding2D.Symmetric(1, 1), Seed = 4 });
        x = c.Flatten(c.GlobalAveragePool(x));
        c.Output(c.FullyConnected(x, new FullyConnectedSpec(8, 3) { Seed = 5 }));
        var folder = Path.Combine(Path.GetTempPath(), "tinygen-flash-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "flash_split.onnx");
            File.WriteAllBytes(path, c.Build().Onnx);
            var result = ModelVerification.Run(path, new CompileOptions { Board = "mps2-an386" }, inputFile: null, Path.Combine(folder, "work"));
            var parts = FlashComposition.FromMapFile(Path.Combine(folder, "work", "build", "app.map"), result.Compilation.Project);
            output.WriteLine($"{parts}; flash {result.FlashBytes}");

            // the emitter's own count of its constant tables, independent of the linker
            Assert.Equal(result.Compilation.Project.WeightFlashBytes, parts.Weights);
            Assert.True(parts.ModelCode > 0 && parts.Kernels > 0 && parts.Harness > 0);
            // only alignment padding between sections is left out
            Assert.InRange(result.FlashBytes - parts.Total, 0, 256);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}
