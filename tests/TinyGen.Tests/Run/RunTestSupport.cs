using TinyGen.Tests.Support;
using TinyGen.Boards;
using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>Shared set-up for runner tests: the product's boards and firmware, and scratch folders.</summary>
internal static class RunTestSupport
{
    private static readonly Lazy<BoardCatalog> Catalog = new(() => BoardCatalog.Load(ProductPaths.Boards));

    public static FirmwareTarget Target(string board) => FirmwareTarget.FromBoard(Catalog.Value.Get(board));

    public static FirmwareTree Firmware => FirmwareTree.Product();

    /// <summary>
    /// firmware/harness/example in the checkout: the packaged firmware copy beside the assemblies leaves the
    /// example out, so it is found from the folder holding TinyGen.sln.
    /// </summary>
    public static string ExampleFolder => Path.Combine(TestPaths.RepoRoot, "firmware", "harness", "example");

    /// <summary>The example's model.c and data header copied alone (the example folder also holds reference.c, a host program).</summary>
    public static string ExampleProject()
    {
        var project = ScratchFolder("example");
        foreach (var file in new[] { "model.c", "example_data.h" })
            File.Copy(Path.Combine(ExampleFolder, file), Path.Combine(project, file));
        return project;
    }

    public static string ScratchFolder(string purpose) => Directory.CreateTempSubdirectory($"tg-{purpose}-").FullName;

    /// <summary>
    /// A one-output harness project whose invoke runs <paramref name="invokeBody"/> with an
    /// int8[<paramref name="outputBytes"/>] output 'out' in scope, after <paramref name="declarations"/>
    /// at file scope: the smallest thing the harness can boot, for failure-path tests and C checks.
    /// </summary>
    public static string TinyProject(string invokeBody, int outputBytes = 3, string declarations = "")
    {
        var folder = ScratchFolder("project");
        File.WriteAllText(Path.Combine(folder, "tiny_glue.c"), $$"""
            #include <stdint.h>
            #include "tg_harness.h"
            {{declarations}}
            static int8_t out[{{outputBytes}}];
            static int tiny_invoke(void)
            {
                {{invokeBody}}
            }
            static void *tiny_out0(void) { return out; }
            static const tg_harness_tensor tiny_outputs[1] = { { tiny_out0, {{outputBytes}}, TG_HARNESS_INT8 } };
            const tg_harness_model tg_harness_the_model = { tiny_invoke, 0, 0, tiny_outputs, 1 };
            const uint8_t tg_harness_input_bytes[1] = { 0 };
            const uint32_t tg_harness_input_size = 0;
            """);
        return folder;
    }
}
