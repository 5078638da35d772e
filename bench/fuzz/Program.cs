using System.Globalization;
using TinyGen.Fuzzing;

// bench/fuzz/run.sh [--minutes N] [--seed S] [--first I] [--out DIR] [--time-limit-ms T]
// Mutates the seed models (synthetic, plus the real ones in TINYGEN_MODELS or ../shared/models) and runs every
// case through the compile path until the time is up; prints cases/s and every failure with its reproducer file.
// Exit code 0 when no case failed, 1 otherwise.
var options = Arguments.Parse(args);
var seeds = ModelFormats.Seeds(options.ModelsDir);
Console.WriteLine($"fuzzing {seeds.Count} seeds ({string.Join(", ", ModelFormats.All.Select(f => f.Name))}); models from {options.ModelsDir}; master seed {options.Seed}; " +
                  $"{options.Minutes} min; reproducers in {options.Out}");
var work = Path.Combine(Path.GetTempPath(), "tinygen-fuzz-" + Guid.NewGuid().ToString("N")[..12]);
var session = new FuzzSession(new Fuzzer(seeds, options.Seed), new CompileTarget(work, TimeSpan.FromMilliseconds(options.TimeLimitMs)), options.Out);
var lastPrint = DateTime.UtcNow;
var started = DateTime.UtcNow;
try
{
    var report = session.Run(options.First, long.MaxValue, TimeSpan.FromMinutes(options.Minutes),
        onFailure: f => Console.WriteLine("FAILURE " + f),
        onProgress: cases =>
        {
            if (DateTime.UtcNow - lastPrint < TimeSpan.FromSeconds(10)) return;
            lastPrint = DateTime.UtcNow;
            Console.WriteLine($"{cases:N0} cases, {cases / (lastPrint - started).TotalSeconds:0.0} cases/s");
        });
    Console.WriteLine(report);
    return report.Failures.Count == 0 ? 0 : 1;
}
finally
{
    try { Directory.Delete(work, recursive: true); }
    catch (IOException) { /* a leftover temp folder is harmless */ }
}

internal sealed record Arguments(double Minutes, int Seed, long First, string Out, int TimeLimitMs, string ModelsDir)
{
    public static Arguments Parse(string[] args)
    {
        var result = new Arguments(1, Environment.TickCount & 0xFFFF, 0, Path.GetFullPath("fuzz-failures"), 10_000,
            Environment.GetEnvironmentVariable("TINYGEN_MODELS") is { Length: > 0 } m ? Path.GetFullPath(m)
                : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "models")));
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            result = args[i] switch
            {
                "--minutes" => result with { Minutes = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => result with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--first" => result with { First = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--out" => result with { Out = Path.GetFullPath(Next()) },
                "--time-limit-ms" => result with { TimeLimitMs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                var other => throw new ArgumentException($"unknown option {other}; options: --minutes N --seed S --first I --out DIR --time-limit-ms T"),
            };
        }
        return result;
    }
}
