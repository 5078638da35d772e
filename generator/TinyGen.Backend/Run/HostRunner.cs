using System.Globalization;
using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>
/// The cheap path for many kernel cases: the same kernels, harness.c and project built for the machine
/// running TinyGen with the host gcc, AddressSanitizer and UBSan, with firmware/harness/host_main.c in
/// place of startup, UART and SysTick. It prints the same protocol; it reports no instruction count or
/// stack use (both 0) and proves nothing about the Arm build, only about the C.
/// </summary>
public sealed class HostRunner(string hostGcc, FirmwareTree tree, ObjectCache? cache)
{
    public const string HostGccName = "gcc";
    public const string ExecutableName = "app-host";

    // Sanitizers exit with 1 by default, which is the harness's "invoke failed"; give them their own codes.
    private const int AddressSanitizerExit = 86;
    private const int UndefinedBehaviorExit = 87;

    public static readonly IReadOnlyList<string> HostFlags =
    [
        "-O2", "-g", "-std=c99", "-Wall", "-Wextra", "-Werror",
        "-ffunction-sections", "-fdata-sections", "-fstack-usage", "-fcallgraph-info=su",
        "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer",
    ];

    private static readonly IReadOnlyDictionary<string, string> SanitizerEnvironment = new Dictionary<string, string>
    {
        // Leak checking needs ptrace, which containers often forbid; the harness never frees anyway.
        ["ASAN_OPTIONS"] = $"exitcode={AddressSanitizerExit}:detect_leaks=0",
        ["UBSAN_OPTIONS"] = $"exitcode={UndefinedBehaviorExit}:print_stacktrace=1",
    };

    /// <summary>A runner for the gcc on PATH, or null with the reason (no gcc, or no host harness in the firmware tree).</summary>
    public static HostRunner? TryCreate(FirmwareTree tree, ObjectCache? cache, out string? whyNot)
    {
        var gcc = ExecutableSearch.FindOnPath(HostGccName);
        whyNot = gcc is null ? "gcc not found on PATH; install it with 'apt-get install gcc'"
            : !tree.HasHostHarness ? $"{Path.Combine(tree.HarnessFolder, FirmwareTree.HostHarnessFile)} does not exist"
            : null;
        return whyNot is null ? new HostRunner(gcc!, tree, cache) : null;
    }

    /// <summary>Builds the project (every *.c below it) into outputFolder/app-host.</summary>
    public string Build(string projectFolder, string outputFolder)
    {
        projectFolder = Path.GetFullPath(projectFolder);
        outputFolder = Path.GetFullPath(outputFolder);
        var objects = Path.Combine(outputFolder, "obj");
        var compiler = new CCompiler(hostGcc, cache);
        var sources = BuildSources.Select([.. tree.KernelSources(), .. tree.HostHarnessSources()], projectFolder, outputFolder);

        var productFlags = HostFlags.Concat(tree.IncludeFolders.Select(f => "-I" + f)).ToList();
        var projectFlags = HostFlags.Concat(sources.ProjectIncludeFolders.Concat(tree.IncludeFolders).Select(f => "-I" + f)).ToList();
        var productUnits = sources.Product.Select(s => Unit(s, Path.Combine(objects, "product"), true)).ToList();
        var projectUnits = sources.Project.Select((s, i) => Unit(s, Path.Combine(objects, "project", i.ToString("d3", CultureInfo.InvariantCulture)), false)).ToList();
        compiler.CompileAll(productUnits, productFlags, "the host");
        compiler.CompileAll(projectUnits, projectFlags, "the host");

        var executable = Path.Combine(outputFolder, ExecutableName);
        var arguments = new List<string> { "-fsanitize=address,undefined" };
        arguments.AddRange(productUnits.Concat(projectUnits).Select(u => u.ObjectPath));
        arguments.AddRange(["-lm", "-o", executable]);
        var run = ProcessRunner.Run(hostGcc, arguments, TimeSpan.FromMinutes(5));
        if (run.TimedOut || run.ExitCode != 0) throw CCompiler.Failure($"{hostGcc} failed linking {executable}", run);
        return executable;
    }

    /// <summary>Runs a host build; a sanitizer report, a signal or a hang is a FirmwareError quoting it.</summary>
    public FirmwareResult Run(string executable, TimeSpan? timeout = null)
    {
        var limit = timeout ?? QemuRunner.DefaultTimeout;
        var run = ProcessRunner.Run(executable, [], limit, environment: SanitizerEnvironment);
        if (run.TimedOut)
            throw new TinyGenException($"host build did not finish within {limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s", ExitCodes.FirmwareError);
        var problem = run.ExitCode switch
        {
            AddressSanitizerExit => "AddressSanitizer found a memory error",
            UndefinedBehaviorExit => "UndefinedBehaviorSanitizer found undefined behaviour",
            >= 128 => $"the host build died with signal {run.ExitCode - 128}",
            _ => null,
        };
        if (problem is not null)
        {
            var report = run.StandardError.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(30);
            throw new TinyGenException($"{problem}:\n{string.Join('\n', report)}", ExitCodes.FirmwareError);
        }
        return HarnessVerdict.Check(new FirmwareRun(run.ExitCode, run.StandardOutput, run.StandardError, run.Elapsed), "on the host");
    }

    private static CompileUnit Unit(string source, string folder, bool cacheable) =>
        new(source, Path.Combine(folder, Path.GetFileNameWithoutExtension(source) + ".o"), cacheable);
}
