using System.Collections.Immutable;
using System.Globalization;
using TinyGen.Boards;
using TinyGen.Diagnostics;
using TinyGen.Emit;
using TinyGen.Ir;
using TinyGen.Lowering;
using TinyGen.Run;

namespace TinyGen.Export;

/// <summary>
/// Rearranges a compiled project (emitted with the harness) into the layout a build tool opens
/// without hand edits: CMake, PlatformIO or an Arduino library. Every line of build-file text comes
/// from templates/export/; this class decides only which file goes where and what the templates see.
/// </summary>
public static class ProjectExporter
{
    public const string CMakeToolchainFile = "cmake/arm-none-eabi.cmake";
    public const string RenodeWorkflowFile = ".github/workflows/renode.yml";

    public static EmittedProject Export(Compilation compilation, ExportFormat format, ExampleData example, TemplateSet? templates = null)
    {
        var project = compilation.Project;
        if (format == ExportFormat.Plain) return project;
        if (!project.Files.Any(f => f.RelativePath == CEmitter.GlueFileName))
            throw new TinyGenException("internal: an export needs the project compiled with the harness", ExitCodes.InternalError);
        templates ??= TemplateSet.Default();
        var parts = new ProjectParts(compilation);
        var view = Views.Common(compilation, parts, example);
        var files = format switch
        {
            ExportFormat.CMake => CMake(compilation, parts, view, example, templates),
            ExportFormat.PlatformIO => PlatformIo(compilation, parts, view, templates),
            ExportFormat.Arduino => Arduino(parts, view, templates),
            _ => throw new TinyGenException($"internal: no exporter for {format}", ExitCodes.InternalError),
        };
        files.Add(new(EmittedProject.MarkerFileName,
            $"TinyGen {format} export of model '{CText.Comment(project.ModelName)}' for board {compilation.Board.Name}; TinyGen may overwrite this folder.\n"));
        return project with { Files = files.ToImmutableArray() };
    }

    private static List<EmittedFile> CMake(Compilation c, ProjectParts parts, Views.CommonView view, ExampleData example, TemplateSet templates)
    {
        var board = c.Board;
        var files = new List<EmittedFile> { parts.Source, parts.Header };
        files.AddRange(parts.Headers);
        files.AddRange(parts.Kernels);
        files.AddRange(parts.Harness);
        files.Add(parts.Glue);
        files.Add(new(CEmitter.TestInputFileName, CEmitter.RenderTestInput(example.InputBytes, templates)));
        files.AddRange(parts.LinkerScripts);
        var cmake = new
        {
            View = view,
            BoardFlags = string.Join(' ', board.CFlags),
            Kernels = parts.Kernels.Select(f => f.RelativePath).ToList(),
            HarnessSources = parts.Harness.Where(f => f.RelativePath.EndsWith(".c", StringComparison.Ordinal)).Select(f => f.RelativePath).ToList(),
            GlueFile = CEmitter.GlueFileName,
            TestInputFile = CEmitter.TestInputFileName,
            UartBase = "0x" + board.UartBase.ToString("X8", CultureInfo.InvariantCulture),
            CpuHz = board.CpuHz.ToString(CultureInfo.InvariantCulture),
            UartDefine = UartKinds.Define(board.Uart),
            StackSize = board.StackSize.ToString(CultureInfo.InvariantCulture),
            LinkerScript = "board/" + Path.GetFileName(board.LinkerScript),
            // QEMU boards exit through semihosting; elsewhere nothing listens for it, so the example sleeps.
            Semihosting = board.RunsInQemu ? "ON" : "OFF",
            Renode = board.Renode is not null,
            KernelLibrary = UsesCmsisNn(c) ? "cmsis-nn" : "tinygen",
            UsesCmsisNn = UsesCmsisNn(c),
        };
        files.Add(new("CMakeLists.txt", templates.Render("export/cmake/CMakeLists.txt.hbs", cmake)));
        files.Add(new(CMakeToolchainFile, templates.Render("export/cmake/arm-none-eabi.cmake.hbs", new { View = view })));
        if (board.Renode is { } renode)
        {
            var renodeView = new
            {
                View = view,
                renode.Platform,
                renode.Uart,
                Elf = $"build/{view.Stem}_example.elf",
                UsesCmsisNn = UsesCmsisNn(c),
                ExpectedLines = ExpectedUartLines(example).Select(ExportText.RobotArgument).ToList(),
            };
            files.Add(new($"renode/{view.Stem}.resc", templates.Render("export/renode/model.resc.hbs", renodeView)));
            files.Add(new($"renode/{view.Stem}.robot", templates.Render("export/renode/model.robot.hbs", renodeView)));
            files.Add(new(RenodeWorkflowFile, templates.Render("export/renode/renode.yml.hbs", renodeView)));
        }
        return files;
    }

    private static List<EmittedFile> PlatformIo(Compilation c, ProjectParts parts, Views.CommonView view, TemplateSet templates)
    {
        var pio = c.Board.PlatformIo ?? throw new TinyGenException(
            $"board {c.Board.Name} has no PlatformIO board id; PlatformIO exports exist for: {string.Join(", ", BoardCatalog.Default().List().Where(b => b.PlatformIo is not null).Select(b => b.Name))}");
        var lib = $"lib/{view.Stem}";
        var files = new List<EmittedFile>();
        files.Add(new("platformio.ini", templates.Render("export/platformio/platformio.ini.hbs", new { View = view, Env = c.Board.Name, Pio = pio })));
        files.Add(new($"{lib}/library.json", templates.Render("export/platformio/library.json.hbs", new { View = view })));
        files.Add(Move(parts.Source, $"{lib}/src/"));
        files.AddRange(parts.Kernels.Select(f => Move(f, $"{lib}/src/")));
        files.Add(Move(parts.Header, $"{lib}/include/"));
        files.AddRange(parts.Headers.Select(f => Move(f, $"{lib}/include/")));
        files.Add(new($"src/{view.ExampleHeader}", templates.Render("export/example_data.h.hbs", view)));
        // The Arduino framework owns main(): there the example is a setup()/loop() sketch.
        files.Add(pio.Framework == "arduino"
            ? new("src/main.cpp", templates.Render("export/arduino/example.ino.hbs", view))
            : new("src/main.c", templates.Render("export/platformio/main.c.hbs", view)));
        return files;
    }

    private static List<EmittedFile> Arduino(ProjectParts parts, Views.CommonView view, TemplateSet templates)
    {
        var files = new List<EmittedFile>
        {
            new("library.properties", templates.Render("export/arduino/library.properties.hbs", view)),
            Move(parts.Source, "src/"),
            Move(parts.Header, "src/"),
        };
        files.AddRange(parts.Headers.Select(f => Move(f, "src/")));
        files.AddRange(parts.Kernels.Select(f => Move(f, "src/")));
        files.Add(new($"examples/{view.Stem}/{view.Stem}.ino", templates.Render("export/arduino/example.ino.hbs", view)));
        files.Add(new($"examples/{view.Stem}/{view.ExampleHeader}", templates.Render("export/example_data.h.hbs", view)));
        return files;
    }

    /// <summary>
    /// The UART lines the harness prints for the expected outputs (TG_OUTPUT and TG_DATA, wrapped
    /// as harness.c wraps them), then TG_STATUS 0: what the Renode test waits for.
    /// </summary>
    public static IReadOnlyList<string> ExpectedUartLines(ExampleData example)
    {
        var lines = new List<string> { HarnessProtocol.Begin };
        for (var i = 0; i < example.ExpectedOutputs.Count; i++)
        {
            var output = example.ExpectedOutputs[i];
            lines.Add($"{HarnessProtocol.Output} {i} {output.Type.DisplayName()} {output.Length}");
            var values = HarnessValues(output);
            for (var start = 0; start < values.Count; start += HarnessProtocol.MaxValuesPerDataLine)
                lines.Add($"{HarnessProtocol.Data} {i} " + string.Join(' ', values.Skip(start).Take(HarnessProtocol.MaxValuesPerDataLine)));
        }
        lines.Add($"{HarnessProtocol.Status} 0");
        lines.Add(HarnessProtocol.End);
        return lines;
    }

    /// <summary>Values as the harness prints them: integers in decimal, float32 as the 8 hex digits of its bits.</summary>
    private static List<string> HarnessValues(TensorData t) => t.Type switch
    {
        ElementType.Float32 => t.ToFloats().Select(f => BitConverter.SingleToUInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture)).ToList(),
        _ => t.ToDoubles().Select(v => ((long)v).ToString(CultureInfo.InvariantCulture)).ToList(),
    };

    /// <summary>Whether the model's C calls Arm CMSIS-NN (compiled with --kernels cmsis-nn and a layer CMSIS-NN has a kernel for).</summary>
    public static bool UsesCmsisNn(Compilation c) => c.Project.Calls.Any(call => call is CmsisNnCall);

    private static EmittedFile Move(EmittedFile file, string folder) => file with { RelativePath = folder + Path.GetFileName(file.RelativePath) };
}
