using System.Globalization;
using TinyGen.Boards;
using TinyGen.Diagnostics;
using TinyGen.Emit;

namespace TinyGen.Run;

/// <summary>
/// Builds app.elf for a board from an emitted project folder (the model's .c/.h, the harness glue and the
/// test input) plus the product's kernels and harness, with the flags firmware/harness/example/build-and-run.sh
/// uses. Kernels and harness come from the <see cref="ObjectCache"/> when unchanged; the project's own files
/// are always compiled.
/// </summary>
public sealed partial class FirmwareBuilder(Toolchain toolchain, FirmwareTree tree, ObjectCache? cache)
{
    public const string ElfName = "app.elf";

    /// <summary>Warnings are errors: emitted code must compile cleanly, and -fstack-usage feeds the report.</summary>
    public static readonly IReadOnlyList<string> CommonFlags =
    [
        "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror",
        "-ffunction-sections", "-fdata-sections", "-fstack-usage", "-fcallgraph-info=su",
    ];

    public FirmwareBuilder(Toolchain toolchain, FirmwareTree tree) : this(toolchain, tree, ObjectCache.Default()) { }

    /// <summary>CMSIS-NN is not our code: built with its own flags (no -Werror, the compiler's default C dialect, as TFLM builds it).</summary>
    public static readonly IReadOnlyList<string> CmsisNnFlags =
    [
        "-O2", "-ffunction-sections", "-fdata-sections", "-fstack-usage", "-fcallgraph-info=su",
    ];

    public FirmwareBuild Build(string projectFolder, Board board, string outputFolder) =>
        Build(projectFolder, FirmwareTarget.FromBoard(board), outputFolder);

    /// <param name="projectFolder">The emitted files; every *.c below it is compiled, its header folders are on the include path.</param>
    /// <param name="outputFolder">Objects, .su files, app.elf and app.map go here (it may lie inside the project folder).</param>
    /// <param name="cmsisNn">The CMSIS-NN checkout a project emitted with --kernels cmsis-nn calls into; null for TinyGen's kernels only.</param>
    public FirmwareBuild Build(string projectFolder, FirmwareTarget target, string outputFolder, CmsisNnLibrary? cmsisNn = null)
    {
        projectFolder = Path.GetFullPath(projectFolder);
        outputFolder = Path.GetFullPath(outputFolder);
        var objects = Path.Combine(outputFolder, "obj");
        var compiler = new CCompiler(toolchain.ArmGcc, cache);
        var what = $"board {target.Name}";

        var sources = BuildSources.Select(
            [.. tree.KernelSources(), .. tree.FirmwareHarnessSources()], projectFolder, outputFolder);
        var targetFlags = CompileFlags(target);
        // Product sources see only product headers, so their objects are the same for every model.
        var productFlags = targetFlags.Concat(tree.IncludeFolders.Select(f => "-I" + f)).ToList();
        // The project's own folders come first: its headers win over the product's.
        var cmsisNnIncludes = cmsisNn is null ? [] : new[] { cmsisNn.IncludeFolder };
        var projectFlags = targetFlags.Concat(sources.ProjectIncludeFolders.Concat(tree.IncludeFolders).Concat(cmsisNnIncludes).Select(f => "-I" + f)).ToList();
        var productUnits = sources.Product.Select(s => Unit(s, Path.Combine(objects, "product"), true)).ToList();
        var projectUnits = sources.Project.Select((s, i) => Unit(s, Path.Combine(objects, "project", i.ToString("d3", CultureInfo.InvariantCulture)), false)).ToList();

        var cmsisNnUnits = cmsisNn is null ? [] : cmsisNn.Sources().Select(s => Unit(s, Path.Combine(objects, "cmsis-nn"), true)).ToList();

        var product = compiler.CompileAll(productUnits, productFlags, what);
        var project = compiler.CompileAll(projectUnits, projectFlags, what);
        var library = compiler.CompileAll(cmsisNnUnits,
            [.. CmsisNnFlags, .. target.CoreFlags, .. cmsisNnIncludes.Select(f => "-I" + f)], what + " (CMSIS-NN)");

        var allUnits = productUnits.Concat(projectUnits).Concat(cmsisNnUnits).ToList();
        var elf = Path.Combine(outputFolder, ElfName);
        Link(target, allUnits.Select(u => u.ObjectPath), elf);

        return new FirmwareBuild(
            elf,
            ImageSize.Measure(toolchain.ArmSize, elf),
            StackUsage.Largest(allUnits.Select(u => u.StackUsagePath)),
            CallGraph.Read(productUnits.Concat(cmsisNnUnits).Select(u => (u.CallGraphPath, false)).Concat(projectUnits.Select(u => (u.CallGraphPath, true)))),
            new CCompiler.Summary(product.Compiled + project.Compiled + library.Compiled, product.Restored + project.Restored + library.Restored));
    }

    /// <summary>Writes <paramref name="files"/> (an emitted project plus its test input) to workFolder/project and builds into workFolder/build.</summary>
    public FirmwareBuild Build(IEnumerable<EmittedFile> files, FirmwareTarget target, string workFolder, CmsisNnLibrary? cmsisNn = null)
    {
        var projectFolder = Path.Combine(Path.GetFullPath(workFolder), "project");
        ProjectFiles.Write(files, projectFolder);
        return Build(projectFolder, target, Path.Combine(Path.GetFullPath(workFolder), "build"), cmsisNn);
    }

    public static IReadOnlyList<string> CompileFlags(FirmwareTarget target) =>
    [
        .. CommonFlags,
        .. target.CoreFlags,
        "-DTG_UART_BASE=0x" + target.UartBase.ToString("x", CultureInfo.InvariantCulture),
        "-DTG_CPU_HZ=" + target.CpuHz.ToString(CultureInfo.InvariantCulture),
        "-D" + UartKinds.Define(target.Uart),
        .. target.Defines.Select(d => "-D" + d),
    ];

    private void Link(FirmwareTarget target, IEnumerable<string> objects, string elf)
    {
        var arguments = new List<string>(target.CoreFlags)
        {
            "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs",
            "-Wl,--gc-sections",
            "-L" + Path.GetDirectoryName(Path.GetFullPath(target.LinkerScriptPath)),
            "-T" + Path.GetFullPath(target.LinkerScriptPath),
            "-Wl,-Map=" + Path.ChangeExtension(elf, ".map"),
        };
        if (target.StackBytes > 0)
            arguments.Add("-Wl,--defsym=__tg_stack_size=" + target.StackBytes.ToString(CultureInfo.InvariantCulture));
        arguments.AddRange(objects);
        arguments.AddRange(["-o", elf]);
        var run = ProcessRunner.Run(toolchain.ArmGcc, arguments, TimeSpan.FromMinutes(5));
        if (!run.TimedOut && run.ExitCode != 0 && RegionOverflow().Match(run.CombinedOutput) is { Success: true } overflow)
        {
            // The model does not fit the board: the user's problem, said in the board's terms, not the linker's.
            var region = overflow.Groups[1].Value;
            var bytes = long.Parse(overflow.Groups[2].Value, CultureInfo.InvariantCulture);
            throw new TinyGenException(
                $"the firmware does not fit board {target.Name}: its {region} region is {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes short " +
                (region == "FLASH" ? "(weights, tables and code); pick a board with more flash or a smaller model" : "(arena, stack and data); lower --sram with --patch auto, or pick a larger board"),
                ExitCodes.UserError);
        }
        if (run.TimedOut || run.ExitCode != 0)
            throw CCompiler.Failure($"{Path.GetFileName(toolchain.ArmGcc)} failed linking {elf} for board {target.Name}", run);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"region `(\w+)' overflowed by (\d+) bytes")]
    private static partial System.Text.RegularExpressions.Regex RegionOverflow();

    /// <summary>Objects are named after their source; project files get a folder each, as two subfolders may hold the same name.</summary>
    private static CompileUnit Unit(string source, string folder, bool cacheable) =>
        new(source, Path.Combine(folder, Path.GetFileNameWithoutExtension(source) + ".o"), cacheable);
}
