using TinyGen.Run;

namespace TinyGen.Tests.Hardening;

/// <summary>Stack bounds from gcc's -fcallgraph-info=su text, worked by hand on small graphs.</summary>
public sealed class CallGraphTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tinygen-callgraph-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Unit(string name, string text)
    {
        var path = Path.Combine(folder, name + ".ci");
        File.WriteAllText(path, text.Replace("\\\\n", "\\n", StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public void Frames_add_up_along_the_deepest_chain_across_units_with_indirect_calls_reaching_the_project()
    {
        // reset 8 -> main 104 -> { put 56 -> putc (no .ci: 64), indirect -> invoke 32 -> conv 240 -> memcpy (64) }
        // deepest: 8 + 104 + 32 + 240 + 64 = 448; the other branch 8 + 104 + 56 + 64 = 232.
        var harness = Unit("harness", """
            graph: { title: "harness.c"
            node: { title: "harness.c:put" label: "put\\nharness.c:41:13\n56 bytes (static)" }
            node: { title: "putc" label: "putc\\ntg_harness.h:46:6" shape : ellipse }
            edge: { sourcename: "harness.c:put" targetname: "putc" label: "harness.c:50:9" }
            node: { title: "main" label: "main\\nharness.c:115:5\\n104 bytes (static)" }
            node: { title: "__indirect_call" label: "Indirect Call Placeholder" shape : ellipse }
            edge: { sourcename: "main" targetname: "__indirect_call" label: "harness.c:132:24" }
            edge: { sourcename: "main" targetname: "harness.c:put" label: "harness.c:141:5" }
            }
            """);
        var startup = Unit("startup", """
            node: { title: "tg_reset_c" label: "tg_reset_c\\nstartup.c:103:6\\n8 bytes (static)" }
            edge: { sourcename: "tg_reset_c" targetname: "main" label: "startup.c:112:20" }
            node: { title: "tg_systick_handler" label: "tg_systick_handler\\nicount.c:1:1\\n16 bytes (static)" }
            """);
        var kernel = Unit("conv", """
            node: { title: "conv" label: "conv\\nconv.c:8:11\\n240 bytes (static)" }
            edge: { sourcename: "conv" targetname: "memcpy" }
            """);
        var model = Unit("model", """
            node: { title: "tg_m_invoke" label: "tg_m_invoke\\nm.c:1:1\\n32 bytes (static)" }
            edge: { sourcename: "tg_m_invoke" targetname: "conv" label: "m.c:9:5" }
            """);

        var graph = CallGraph.Read([(harness, false), (startup, false), (kernel, false), (model, true)]);

        var program = graph.WorstPath("tg_reset_c");
        Assert.True(program.Bounded, program.ToString());
        Assert.Equal(448, program.Bytes);
        Assert.Equal(["tg_reset_c", "main", "__indirect_call", "tg_m_invoke", "conv", "memcpy"], program.Chain);
        Assert.Equal(32 + 240 + CallGraph.UnknownCalleeAllowance, graph.WorstPath("tg_m_invoke").Bytes);
        // Plus the SysTick handler's 16 bytes and the exception frame, once.
        Assert.Equal(448 + 16 + CallGraph.ExceptionFrameBytes, graph.ProgramBound("tg_reset_c").Bytes);
    }

    [Fact]
    public void Recursion_and_dynamic_frames_make_the_figure_a_lower_bound_only()
    {
        var recursive = CallGraph.Read([(Unit("r", """
            node: { title: "a" label: "a\\nr.c:1:1\\n16 bytes (static)" }
            node: { title: "b" label: "b\\nr.c:2:1\\n24 bytes (static)" }
            edge: { sourcename: "a" targetname: "b" }
            edge: { sourcename: "b" targetname: "a" }
            """), false)]);
        var bound = recursive.WorstPath("a");
        Assert.False(bound.Bounded);
        Assert.Contains("recursion", bound.Problem);

        var dynamic = CallGraph.Read([(Unit("d", """
            node: { title: "f" label: "f\\nd.c:1:1\\n40 bytes (dynamic)" }
            node: { title: "g" label: "g\\nd.c:2:1\\n48 bytes (dynamic,bounded)" }
            """), false)]);
        Assert.False(dynamic.WorstPath("f").Bounded);
        Assert.Equal(40, dynamic.WorstPath("f").Bytes);
        Assert.True(dynamic.WorstPath("g").Bounded);
        Assert.False(dynamic.WorstPath("no_such_function").Bounded); // a misspelt root must not pass as a bound
    }
}
