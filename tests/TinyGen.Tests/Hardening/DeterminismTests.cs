using System.Globalization;
using TinyGen.Emit;
using TinyGen.Fuzzing;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Hardening;

/// <summary>
/// The same model gives the same firmware: every test model (the fuzzer's synthetic seeds, and the real
/// models where present) compiled with the harness under the invariant culture and again under cultures
/// that write numbers differently must give byte-identical files. The cultures are made hostile on purpose
/// (decimal comma, a non-ASCII minus, '.' grouping) because the projects run with InvariantGlobalization,
/// where named cultures carry no data of their own: only a culture set in-process could still leak in.
/// </summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "tinygen-determinism-" + Guid.NewGuid().ToString("N")[..12]);

    public DeterminismTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    [Fact]
    public void Every_test_model_compiles_to_the_same_bytes_in_every_culture()
    {
        var models = TestPaths.ModelsAvailable(out _) ? TestPaths.ModelsDir : null;
        var seeds = ModelFormats.Seeds(models);
        var cultures = new[] { "tr-TR", "de-DE", "ar-SA" }.Select(Hostile).ToList();
        foreach (var seed in seeds)
        {
            var path = Path.Combine(folder, Path.GetFileName(seed.Name.Replace('/', '_')) + (seed.Name.EndsWith(seed.Format.Extension, StringComparison.Ordinal) ? "" : seed.Format.Extension));
            File.WriteAllBytes(path, seed.Bytes);
            var expected = CompileIn(CultureInfo.InvariantCulture, path);
            foreach (var culture in cultures)
                AssertSameFiles(expected, CompileIn(culture, path), $"{seed.Name} under {culture.Name}");
        }
    }

    [Fact]
    public void Named_cultures_carry_no_number_formats_of_their_own_in_this_process()
    {
        // What a user's LANG=de_DE.UTF-8 could bring in: with InvariantGlobalization either no such culture
        // exists or it formats like the invariant one.
        try
        {
            var german = new CultureInfo("de-DE");
            Assert.Equal("1.5", 1.5.ToString(german));
            Assert.Equal("-3", (-3).ToString(german));
        }
        catch (CultureNotFoundException)
        {
            // predefined-cultures-only: the culture cannot even be created
        }
    }

    /// <summary>A culture named <paramref name="name"/> whose number format differs from the invariant one in every way that shows.</summary>
    private static CultureInfo Hostile(string name)
    {
        CultureInfo culture;
        try { culture = (CultureInfo)new CultureInfo(name).Clone(); }
        catch (CultureNotFoundException) { culture = (CultureInfo)CultureInfo.InvariantCulture.Clone(); }
        var n = culture.NumberFormat;
        n.NumberDecimalSeparator = ",";
        n.NumberGroupSeparator = ".";
        n.CurrencyDecimalSeparator = ",";
        n.PercentDecimalSeparator = ",";
        n.NegativeSign = "\u2212";
        n.PositiveSign = "\u207A";
        n.NaNSymbol = "nan-" + name;
        n.PositiveInfinitySymbol = "inf-" + name;
        return culture;
    }

    /// <summary>
    /// Compiles on a fresh thread running in <paramref name="culture"/>. Only that thread's culture is set:
    /// CultureInfo.DefaultThreadCurrentCulture is process-wide and would leak into tests running in parallel.
    /// </summary>
    private static IReadOnlyList<EmittedFile> CompileIn(CultureInfo culture, string path)
    {
        IReadOnlyList<EmittedFile>? files = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = culture;
                files = Compiler.Compile(path, new CompileOptions { IncludeHarness = true }).Project.Files;
            }
            catch (Exception e) { error = e; }
        });
        thread.Start();
        thread.Join();
        if (error is not null) throw new InvalidOperationException($"compiling {path} under {culture.Name} failed", error);
        return files!;
    }

    private static void AssertSameFiles(IReadOnlyList<EmittedFile> expected, IReadOnlyList<EmittedFile> actual, string what)
    {
        Assert.Equal(expected.Select(f => f.RelativePath), actual.Select(f => f.RelativePath));
        foreach (var (e, a) in expected.Zip(actual))
        {
            if (e.Content == a.Content) continue;
            var line = e.Content.Split('\n').Zip(a.Content.Split('\n')).Select((p, i) => (p, i)).First(x => x.p.First != x.p.Second);
            Assert.Fail($"{what}: {e.RelativePath} differs at line {line.i + 1}:\n  invariant: {line.p.First}\n  culture:   {line.p.Second}");
        }
    }
}
