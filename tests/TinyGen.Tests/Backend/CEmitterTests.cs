using TinyGen.Emit;
using TinyGen.Ir;
using TinyGen.Lowering;

namespace TinyGen.Tests.Backend;

public class CEmitterTests
{
    [Fact]
    public void Conv_fc_model_compiles_strictly_with_the_real_kernel_header()
    {
        Assert.True(HostCompiler.Available, "gcc is needed for this test");
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.HostBoard, BackendTestGraphs.Options());
        using var folder = new TempFolder();
        var dir = Path.Combine(folder.Path, "out");
        project.WriteTo(dir);

        Assert.Equal("tg_conv_fc", project.SymbolPrefix);
        Assert.True(File.Exists(Path.Combine(dir, "include", "tg_nn.h")));
        HostCompiler.MustCompile(dir, "conv_fc.c", "-Iinclude");
        // the header stands alone
        File.WriteAllText(Path.Combine(dir, "use_header.c"), "#include \"conv_fc.h\"\nint tg_use(void) { return TG_CONV_FC_INPUT0_RANK + (int)TG_CONV_FC_ARENA_SIZE; }\n");
        HostCompiler.MustCompile(dir, "use_header.c");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_kernel_template_compiles_links_and_runs_without_argument_errors(bool dsp)
    {
        Assert.True(HostCompiler.Available, "gcc is needed for this test");
        var graph = BackendTestGraphs.AllKernels();
        // On the DSP board the fast kernels are chosen; on the host they build from tg_simd.h's plain C.
        var project = CEmitter.Emit(graph, dsp ? BackendTestGraphs.HostBoard : BackendTestGraphs.PortableHostBoard, BackendTestGraphs.Options());
        var functions = project.Calls.SelectMany(c => c.Functions).ToHashSet();
        foreach (var expected in new[] { "tg_convert_u8_s8", "tg_max_pool_s8", "tg_avgpool_s8", dsp ? "tg_depthwise_conv_s8_fast" : "tg_depthwise_conv_s8", dsp ? "tg_elementwise_add_s8_fast" : "tg_elementwise_add_s8",
                     "tg_elementwise_mul_s8", "tg_requantize_s8", "tg_concat_s8", "tg_clamp_s8", "tg_transpose_s8", "tg_softmax_s8", "tg_convert_s8_u8" })
            Assert.Contains(expected, functions);

        using var folder = new TempFolder();
        var dir = Path.Combine(folder.Path, "p");
        project.WriteTo(dir);
        File.WriteAllText(Path.Combine(dir, "main.c"), """
            #include <stdio.h>
            #include <string.h>
            #include "all_kernels.h"
            int main(void)
            {
                const float f[6] = { 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f };
                memset(tg_all_kernels_input(0), 200, TG_ALL_KERNELS_INPUT0_BYTES);
                memcpy(tg_all_kernels_input(1), f, sizeof f);
                int status = tg_all_kernels_invoke();
                const float *ft = (const float *)tg_all_kernels_output(3);
                printf("%d %g %g %g %g %g %g\n", status, ft[0], ft[1], ft[2], ft[3], ft[4], ft[5]);
                return 0;
            }
            """);
        // status 0, and the float [1,2,3] -> [1,3,2] transpose of 1..6 is 1 4 2 5 3 6
        Assert.Equal("0 1 4 2 5 3 6", CompileAndRunOnHost(project, dir));
    }

    [Fact]
    public void Emitting_twice_gives_identical_bytes()
    {
        var first = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.HostBoard, BackendTestGraphs.Options(harness: false));
        var second = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.HostBoard, BackendTestGraphs.Options(harness: false));
        Assert.Equal(first.Files.Select(f => f.RelativePath), second.Files.Select(f => f.RelativePath));
        foreach (var (a, b) in first.Files.Zip(second.Files))
            Assert.True(a.Content == b.Content, $"{a.RelativePath} differs between two runs");
    }

    [Fact]
    public void Project_carries_only_the_kernels_the_model_calls()
    {
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.PortableHostBoard, BackendTestGraphs.Options());
        var kernels = project.Files.Select(f => f.RelativePath).Where(p => p.StartsWith("kernels/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["kernels/tg_convolve_s8.c", "kernels/tg_dequantize_s8_f32.c", "kernels/tg_fully_connected_s8.c", "kernels/tg_quantize_f32_s8.c"], kernels);
        Assert.DoesNotContain(project.Files, f => f.RelativePath.StartsWith("harness/", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_code_computes_hand_worked_results_on_the_host()
    {
        Assert.True(HostCompiler.Available, "gcc is needed for this test");
        // input q [3,5,-2,7] zp 1 -> real [2,4,-3,6] as 2 pixels x 2 channels.
        // conv 1x1: w0 = [1,1], w1 = [2,-1], bias [0,1] -> [6,1, 3,-11].
        // fc: [[1,2,3,4],[-1,0,1,0]] bias [10,-5] -> acc [-17,-8]; scale 1/0.5 = 2, zp 3 -> [-31,-13].
        var tensors = new List<Tensor>
        {
            BackendTestGraphs.Int8("x", [1, 1, 2, 2], 1f, 1),
            BackendTestGraphs.Int8Constant("cw", [2, 1, 1, 2], [1, 1, 2, -1], [1f], -1),
            BackendTestGraphs.Int32Constant("cb", [0, 1]),
            BackendTestGraphs.Int8("c", [1, 1, 2, 2], 1f, 0),
            BackendTestGraphs.Int8("r", [1, 4], 1f, 0),
            BackendTestGraphs.Int8Constant("fw", [2, 4], [1, 2, 3, 4, -1, 0, 1, 0], [1f], -1),
            BackendTestGraphs.Int32Constant("fb", [10, -5]),
            BackendTestGraphs.Int8("y", [1, 2], 0.5f, 3),
        };
        var graph = new Graph("Hand Worked", tensors,
        [
            new Conv2D("conv", "x", "cw", "cb", "c", new Window2D(1, 1), 1, FusedActivation.None, Layout.Nhwc),
            new Reshape("flatten", "c", "r", new ReshapeRule.Given()),
            new FullyConnected("fc", "r", "fw", "fb", "y", FusedActivation.None),
        ], ["x"], ["y"]);
        var project = CEmitter.Emit(graph, BackendTestGraphs.HostBoard, BackendTestGraphs.Options());
        Assert.Equal("tg_hand_worked", project.SymbolPrefix);

        using var folder = new TempFolder();
        var dir = Path.Combine(folder.Path, "p");
        project.WriteTo(dir);
        File.WriteAllText(Path.Combine(dir, "main.c"), """
            #include <stdio.h>
            #include <string.h>
            #include "hand_worked.h"
            int main(void)
            {
                const int8_t in[4] = { 3, 5, -2, 7 };
                memcpy(tg_hand_worked_input(0), in, sizeof in);
                int status = tg_hand_worked_invoke();
                const int8_t *out = (const int8_t *)tg_hand_worked_output(0);
                printf("%d %d %d %d\n", status, out[0], out[1], tg_hand_worked_input(1) == NULL);
                return 0;
            }
            """);
        Assert.Equal("0 -31 -13 1", CompileAndRunOnHost(project, dir));
    }

    [Fact]
    public void Hostile_names_neither_break_nor_inject_into_the_C()
    {
        Assert.True(HostCompiler.Available, "gcc is needed for this test");
        string Hostile(string name) => name switch
        {
            "input" => "in*/put\"\n#include <evil.h>",
            "conv" => "conv */ int injected; /*",
            "conv_w" => "w??/\n\\",
            "fc_w" => "int",
            "fc_b" => "fc-b",
            "conv_b" => "fc_b",      // sanitizes like "fc-b": must get a distinct identifier
            "output" => "outé\u2028put\r\n#define x",
            _ => name,
        };
        var graph = BackendTestGraphs.ConvFc("evil */ model\n#error boom \"q\" ??=", Hostile);
        var board = TinyGen.Boards.BoardCatalog.Load(BackendTestGraphs.Boards).Get("mps2-an385");
        var project = CEmitter.Emit(graph, board, BackendTestGraphs.Options(harness: true) with { TestInput = new byte[128] });
        using var folder = new TempFolder();
        var dir = Path.Combine(folder.Path, "p");
        project.WriteTo(dir);

        var stem = Path.GetFileNameWithoutExtension(project.Files[0].RelativePath);
        Assert.Matches("^[a-z_][a-z0-9_]*$", stem);
        foreach (var file in new[] { $"{stem}.c", $"{stem}.h", CEmitter.GlueFileName, CEmitter.TestInputFileName })
        {
            var text = project[file].Content;
            Assert.DoesNotContain(text.Split('\n'), line => line.TrimStart().StartsWith("#include <evil", StringComparison.Ordinal)
                                                          || line.TrimStart().StartsWith("#error", StringComparison.Ordinal)
                                                          || line.TrimStart().StartsWith("#define x", StringComparison.Ordinal));
            var code = CodeOutsideCommentsAndStrings(text);
            // identifiers may carry the words (sanitized); the syntax around them must not survive
            foreach (var word in new[] { "int injected", "<evil.h>", "#error", "#define x", "??" })
                Assert.DoesNotContain(word, code);
            Assert.All(text, c => Assert.True(c == '\n' || (c >= ' ' && c < 0x7F), $"{file} has a non-printable or non-ASCII character U+{(int)c:X4}"));
            HostCompiler.MustCompile(dir, file, "-Iinclude -Iharness");
        }
        // exactly one definition of each of the three constant arrays named after hostile tensors
        var source = project[$"{stem}.c"].Content;
        Assert.Contains("tg_" + stem + "_c_fc_b[", source);
        Assert.Contains("tg_" + stem + "_c_fc_b_2[", source);
        Assert.Contains("tg_" + stem + "_c_int_[", source);
    }

    /// <summary>The C text with comments and the contents of string and character literals removed (a small lexer of our own).</summary>
    private static string CodeOutsideCommentsAndStrings(string c)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < c.Length; i++)
        {
            if (c[i] == '/' && i + 1 < c.Length && c[i + 1] == '*')
            {
                var end = c.IndexOf("*/", i + 2, StringComparison.Ordinal);
                Assert.True(end >= 0, "unterminated comment");
                i = end + 1;
                sb.Append(' ');
            }
            else if (c[i] == '/' && i + 1 < c.Length && c[i + 1] == '/')
            {
                while (i < c.Length && c[i] != '\n') i++;
                sb.Append('\n');
            }
            else if (c[i] is '"' or '\'')
            {
                var quote = c[i];
                for (i++; i < c.Length && c[i] != quote; i++)
                {
                    Assert.NotEqual('\n', c[i]);
                    if (c[i] == '\\') i++;
                }
                sb.Append(quote).Append(quote);
            }
            else
            {
                sb.Append(c[i]);
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void Harness_build_has_glue_harness_sources_and_the_linker_scripts()
    {
        var catalog = TinyGen.Boards.BoardCatalog.Load(BackendTestGraphs.Boards);
        var board = catalog.Get("mps2-an385");
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), board, BackendTestGraphs.Options(harness: true));
        var paths = project.Files.Select(f => f.RelativePath).ToList();
        Assert.Contains(CEmitter.GlueFileName, paths);
        Assert.Contains("harness/tg_harness.h", paths);
        Assert.Contains("board/mps2-an385.ld", paths);
        Assert.Contains("board/cortex-m-sections.ld", paths); // INCLUDEd by the board script
        var makefile = project["Makefile"].Content;
        Assert.Contains("-mcpu=cortex-m3", makefile);
        Assert.Contains("-DTG_UART_BASE=0x40004000", makefile);
        Assert.Contains("-Tboard/mps2-an385.ld", makefile);
    }

    [RequiresArmToolchainFact]
    public void Harness_project_links_for_the_arm_board_with_its_makefile()
    {
        var board = TinyGen.Boards.BoardCatalog.Load(BackendTestGraphs.Boards).Get("mps2-an385");
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), board, BackendTestGraphs.Options(harness: true) with { TestInput = new byte[128] });
        using var folder = new TempFolder();
        var dir = Path.Combine(folder.Path, "fw");
        project.WriteTo(dir);
        var (code, output) = HostCompiler.Run("make", "-s", dir);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(dir, "firmware.elf")));
    }

    [Fact]
    public void Test_input_file_lists_bytes_as_hex_sixteen_per_line()
    {
        var bytes = Enumerable.Range(0, 20).Select(i => (byte)(i * 13)).ToArray();
        var text = CEmitter.RenderTestInput(bytes, new TemplateSet(BackendTestGraphs.Templates));
        Assert.Contains("    0x00, 0x0d, 0x1a, 0x27, 0x34, 0x41, 0x4e, 0x5b, 0x68, 0x75, 0x82, 0x8f, 0x9c, 0xa9, 0xb6, 0xc3,\n    0xd0, 0xdd, 0xea, 0xf7,\n", text);
        Assert.Contains("const uint32_t tg_harness_input_size = 20u;", text);
    }

    [Fact]
    public void Write_refuses_a_foreign_folder_but_replaces_its_own()
    {
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.HostBoard, BackendTestGraphs.Options());
        using var folder = new TempFolder();
        var foreign = Path.Combine(folder.Path, "foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "precious.txt"), "keep me");
        var error = Assert.Throws<TinyGen.Diagnostics.TinyGenException>(() => project.WriteTo(foreign));
        Assert.Contains("not written by TinyGen", error.Message);
        Assert.True(File.Exists(Path.Combine(foreign, "precious.txt")));

        var own = Path.Combine(folder.Path, "own");
        project.WriteTo(own);
        File.WriteAllText(Path.Combine(own, "stale.c"), "old");
        project.WriteTo(own);
        Assert.False(File.Exists(Path.Combine(own, "stale.c")));
        Assert.True(File.Exists(Path.Combine(own, "conv_fc.c")));

        project.WriteTo(foreign, force: true);
        Assert.False(File.Exists(Path.Combine(foreign, "precious.txt")));
        Assert.Empty(Directory.EnumerateDirectories(folder.Path, ".*"));
    }

    [Fact]
    public void Weight_flash_estimate_counts_every_constant_table()
    {
        var project = CEmitter.Emit(BackendTestGraphs.ConvFc(), BackendTestGraphs.PortableHostBoard, BackendTestGraphs.Options());
        // conv weights 54 B + bias 3*4 + multipliers/shifts 2*3*4; fc weights 240 + bias 5*4 + 2*1*4
        Assert.Equal(54 + 12 + 24 + 240 + 20 + 8, project.WeightFlashBytes);
        Assert.Equal(5, project.Calls.Length);
        Assert.IsType<AliasCall>(project.Calls[2]);
    }

    /// <summary>Builds the project's C files with the test's main.c on the host (strict flags) and returns what it printed.</summary>
    private static string CompileAndRunOnHost(EmittedProject project, string dir)
    {
        var sources = string.Join(' ', project.Files.Select(f => f.RelativePath).Where(p => p.EndsWith(".c", StringComparison.Ordinal)));
        var (code, output) = HostCompiler.Run("gcc", $"{HostCompiler.StrictFlags} -O2 -Iinclude {sources} main.c -o model_test", dir);
        Assert.True(code == 0, output);
        var (runCode, runOutput) = HostCompiler.Run(Path.Combine(dir, "model_test"), "", dir);
        Assert.Equal(0, runCode);
        return runOutput.Trim();
    }
}
