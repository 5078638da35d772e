using TinyGen.Tests.Support;
using TinyGen.Run;

namespace TinyGen.Tests.Run;

/// <summary>
/// The object cache must skip unchanged kernels and must never serve an object whose source, header or
/// flags changed. Runs on a private copy of firmware/ and a private cache so the counts are exact.
/// </summary>
public class ObjectCacheTests
{
    [RequiresFirmwareFact]
    public void Unchanged_product_sources_come_from_the_cache_and_a_changed_header_recompiles()
    {
        var toolchain = Toolchain.Locate();
        var firmware = CopyOfFirmware();
        var cache = new ObjectCache(RunTestSupport.ScratchFolder("cache"));
        var builder = new FirmwareBuilder(toolchain, firmware, cache);
        var target = RunTestSupport.Target("mps2-an385");
        var project = RunTestSupport.TinyProject("out[0] = 1; return 0;");
        var product = firmware.KernelSources().Count + firmware.FirmwareHarnessSources().Count;

        var cold = builder.Build(project, target, Path.Combine(project, "out1"));
        var warm = builder.Build(project, target, Path.Combine(project, "out2"));
        Assert.Equal(new CCompiler.Summary(product + 1, 0), cold.Compile);
        Assert.Equal(new CCompiler.Summary(1, product), warm.Compile); // only the project's own file
        Assert.Equal(File.ReadAllBytes(cold.ElfPath), File.ReadAllBytes(warm.ElfPath));

        // Touching the kernel contract header must recompile exactly the product files that include it,
        // directly or through another header, plus the project.
        var includers = firmware.KernelSources().Concat(firmware.FirmwareHarnessSources())
            .Count(f => Includes(f, "tg_nn.h", firmware.IncludeFolder, []));
        Assert.True(includers > 0);
        File.AppendAllText(Path.Combine(firmware.IncludeFolder, "tg_nn.h"), "\n/* changed */\n");
        var afterHeader = builder.Build(project, target, Path.Combine(project, "out3"));
        Assert.Equal(new CCompiler.Summary(includers + 1, product - includers), afterHeader.Compile);

        // Other flags (another core) are another cache entry.
        var m4 = builder.Build(project, RunTestSupport.Target("mps2-an386"), Path.Combine(project, "out4"));
        Assert.Equal(product + 1, m4.Compile.Compiled);
    }

    /// <summary>True when <paramref name="file"/> includes <paramref name="header"/>, following the quoted includes of the include folder.</summary>
    private static bool Includes(string file, string header, string includeFolder, HashSet<string> seen)
    {
        foreach (var line in File.ReadLines(file))
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, "^\\s*#include \"([^\"]+)\"");
            if (!match.Success) continue;
            var name = match.Groups[1].Value;
            if (name == header) return true;
            var path = Path.Combine(includeFolder, name);
            if (seen.Add(name) && File.Exists(path) && Includes(path, header, includeFolder, seen)) return true;
        }
        return false;
    }

    private static FirmwareTree CopyOfFirmware()
    {
        var source = RunTestSupport.Firmware;
        var copy = Path.Combine(RunTestSupport.ScratchFolder("firmware"), "firmware");
        foreach (var folder in new[] { source.IncludeFolder, source.KernelsFolder, source.HarnessFolder })
        {
            var target = Path.Combine(copy, Path.GetFileName(folder));
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return new FirmwareTree(copy);
    }
}
