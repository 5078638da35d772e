using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TinyGen.Boards;
using TinyGen.Diagnostics;
using TinyGen.Emit.Patching;
using TinyGen.Ir;
using TinyGen.Lowering;
using TinyGen.Planning;
using TinyGen.Planning.Patching;

namespace TinyGen.Emit;

/// <summary>
/// Renders a lowered graph as a self-contained C project for one board: the model's header and
/// source (arena, constant tables, one kernel call per op), the firmware headers and the kernels
/// the model calls, a Makefile, and for test builds the harness, its glue and the board's linker
/// script. All C text comes from templates/; this class only supplies identifiers and literals.
/// </summary>
public sealed partial class CEmitter
{
    public const string GlueFileName = "tg_harness_glue.c";
    public const string TestInputFileName = "tg_test_input.c";
    public const string MakefileName = "Makefile";

    /// <summary>Stems that would collide with the firmware's or harness's own files and symbols.</summary>
    private static readonly string[] ReservedStems = ["harness", "glue", "test", "test_input", "uart", "icount", "semihost", "stack", "reset", "fault", "systick", "nn", "math"];

    public static EmittedProject Emit(Graph lowered, Board board, EmitOptions options)
    {
        var templates = options.TemplatesDirectory is { } folder ? new TemplateSet(folder) : TemplateSet.Default();
        var firmware = options.FirmwareDirectory ?? ProductPaths.Firmware;
        var modelName = options.ModelName ?? lowered.Name;
        var stem = ModelStem(modelName);
        var prefix = "tg_" + stem;
        var macro = prefix.ToUpperInvariant();
        CheckEdges(lowered);

        if (options.InputCallback && options.Patch is null)
            throw new TinyGenException("the input callback needs a patch stage: the layer-by-layer code reads the whole input from the arena");
        // The patch stage has tile templates for the portable kernels only; with CMSIS-NN the library picks
        // its own core-specific code, so our DSP kernels must not take its layers away.
        var core = options.Kernels != KernelLibrary.CmsisNn ? TargetCore.Of(board) : TargetCore.Portable;
        var selected = PatchedKernelCalls.Select(lowered, options.Patch?.Stage, core);
        // CMSIS-NN takes whole tensors (a patch stage runs windows through our kernels); its scratch is planned in the arena.
        if (options.Kernels == KernelLibrary.CmsisNn && options.Patch is null) selected = CmsisNnCall.Substitute(selected, TargetCore.Of(board));
        var plan = (options.Planner ?? (options.Patch is { } patch ? new PatchedArenaPlanner(patch, inputInArena: !options.InputCallback) : new MemoryPlanner())).Plan(lowered, selected);
        ArenaPlanChecker.Verify(plan);
        var calls = InExecutionOrder(selected, plan);

        var constants = new ConstantTables(prefix);
        var symbols = new ModelSymbols(lowered, plan, prefix, constants);
        var callViews = new CallViews(symbols, constants);
        var renderedCalls = options.Patch is { } geometry
            ? new PatchStageEmitter(geometry, plan, symbols.Arena, prefix, options.InputCallback).RenderCalls(calls, callViews.For, templates)
            : calls.Select((call, i) =>
            {
                var (template, view) = call is CmsisNnCall arm
                    ? CmsisNnCalls.For(arm, callViews.For(i, arm).View, symbols.Scratch(i))
                    : callViews.For(i, call);
                return new RenderedCall(templates.Render(template, view).TrimEnd('\n'), CLiteral.Int(i));
            }).ToList();
        var usesCmsisNn = calls.Any(call => call is CmsisNnCall);

        var inputs = EdgeViews(lowered, plan, lowered.Inputs);
        var outputs = EdgeViews(lowered, plan, lowered.Outputs);
        var modelComment = CText.Comment(modelName);
        var arenaSize = Math.Max(plan.TotalBytes, plan.Alignment);
        var common = new
        {
            Prefix = prefix,
            Macro = macro,
            Stem = stem,
            ModelComment = modelComment,
            ModelString = CText.StringBody(modelName),
            BoardComment = CText.Comment($"{board.Name} ({board.Core})"),
            InputCallback = options.InputCallback,
            ReadInput = PatchStageEmitter.ReadInputFunction(prefix),
        };

        var files = new List<EmittedFile>
        {
            new($"{stem}.h", templates.Render("model.h.hbs", new
            {
                Common = common,
                ArenaSize = CLiteral.Unsigned(arenaSize),
                InputCount = CLiteral.Int(inputs.Count),
                OutputCount = CLiteral.Int(outputs.Count),
                Inputs = inputs,
                Outputs = outputs,
            })),
            new($"{stem}.c", templates.Render("model.c.hbs", new
            {
                Common = common,
                Header = $"{stem}.h",
                Arena = symbols.Arena,
                Alignment = CLiteral.Int(plan.Alignment),
                ArenaMap = ArenaMapPrinter.Print(plan).TrimEnd('\n').Split('\n').Select(CText.Comment).ToList(),
                Constants = constants.Tables,
                Calls = renderedCalls,
                UsesCmsisNn = usesCmsisNn,
                Inputs = inputs,
                Outputs = outputs,
            })),
        };

        var kernelFiles = calls.Where(c => c is not CmsisNnCall).SelectMany(c => c.Functions).Concat(options.Patch is null ? [] : PatchStageEmitter.WindowFunctions).SelectMany(KernelSources.FilesFor).Distinct().Order(StringComparer.Ordinal).ToList();
        var harnessFiles = options.IncludeHarness ? HarnessSources(firmware) : [];
        var boardFiles = options.IncludeHarness ? LinkerScripts(board) : [];
        if (options.IncludeHarness)
        {
            files.Add(new(GlueFileName, templates.Render("harness_glue.c.hbs", new
            {
                Common = common,
                Header = $"{stem}.h",
                Inputs = inputs,
                Outputs = outputs,
                LayerCount = CLiteral.Unsigned(calls.Length),
                // C has no empty arrays; a model without calls has no marks to store.
                LayerSlots = CLiteral.Unsigned(Math.Max(1, calls.Length)),
            })));
            if (options.TestInput is { } bytes)
                files.Add(new(TestInputFileName, RenderTestInput(bytes.Span, templates)));
        }
        files.Add(new(MakefileName, templates.Render("Makefile.hbs", new
        {
            Common = common,
            CFlags = string.Join(' ', board.CFlags.Select(f => CheckFlag(board, f))),
            Kernels = kernelFiles,
            board.Name,
            IncludeHarness = options.IncludeHarness,
            HarnessSources = harnessFiles.Where(f => f.EndsWith(".c", StringComparison.Ordinal)).Select(Path.GetFileName).ToList(),
            GlueFile = GlueFileName,
            TestInputFile = TestInputFileName,
            UartBase = "0x" + board.UartBase.ToString("X8", System.Globalization.CultureInfo.InvariantCulture),
            CpuHz = board.CpuHz.ToString(System.Globalization.CultureInfo.InvariantCulture),
            UartDefine = UartKinds.Define(board.Uart),
            StackSize = CLiteral.Int((long)board.StackSize),
            LinkerScript = Path.GetFileName(board.LinkerScript),
        })));

        files.AddRange(CopyFolder(Path.Combine(firmware, "include"), "include", _ => true));
        foreach (var kernel in kernelFiles)
        {
            var path = Path.Combine(firmware, "kernels", kernel);
            if (!File.Exists(path))
                throw new TinyGenException($"firmware kernel '{kernel}' is missing from {Path.Combine(firmware, "kernels")}; the model needs it", ExitCodes.ToolError);
            files.Add(new($"kernels/{kernel}", File.ReadAllText(path)));
        }
        files.AddRange(harnessFiles.Select(f => new EmittedFile($"harness/{Path.GetFileName(f)}", File.ReadAllText(f))));
        files.AddRange(boardFiles.Select(f => new EmittedFile($"board/{Path.GetFileName(f)}", File.ReadAllText(f))));
        files.Add(new(EmittedProject.MarkerFileName, $"TinyGen project for model '{CText.Comment(modelName)}' on board {board.Name}; TinyGen may overwrite this folder.\n"));

        return new EmittedProject(modelName, prefix, files.ToImmutableArray(), plan, calls, constants.FlashBytes);
    }

    /// <summary>The calls as the plan runs them: its order, with the in-place kernel where it chose one.</summary>
    private static ImmutableArray<KernelCall> InExecutionOrder(ImmutableArray<KernelCall> calls, ArenaPlan plan) =>
        plan.Steps.IsDefaultOrEmpty
            ? calls
            : plan.Steps.Select(step => step.RunsSlowInPlaceKernel ? InPlaceRules.SlowVariant(calls[step.Op]) : calls[step.Op]).ToImmutableArray();

    /// <summary>tg_test_input.c holding <paramref name="inputBytes"/> as tg_harness_input_bytes (all inputs concatenated in order).</summary>
    public static string RenderTestInput(byte[] inputBytes) => RenderTestInput(inputBytes, TemplateSet.Default());

    public static string RenderTestInput(ReadOnlySpan<byte> inputBytes, TemplateSet templates)
    {
        var bytes = inputBytes.ToArray();
        return templates.Render("test_input.c.hbs", new
        {
            Size = CLiteral.Unsigned(bytes.Length),
            Empty = bytes.Length == 0,
            Rows = CLiteral.Rows(bytes, 16, CLiteral.HexByte),
        });
    }

    /// <summary>The lower-case stem of the model's files and symbols (tg_&lt;stem&gt;_...).</summary>
    public static string ModelStem(string modelName)
    {
        var stem = CIdentifier.ModelStem(modelName);
        return stem.StartsWith("tg", StringComparison.Ordinal) || ReservedStems.Contains(stem) ? "model_" + stem : stem;
    }

    private static void CheckEdges(Graph graph)
    {
        if (graph.Inputs.Length == 0) throw new TinyGenException($"model '{graph.Name}' has no inputs");
        if (graph.Outputs.Length == 0) throw new TinyGenException($"model '{graph.Name}' has no outputs");
        foreach (var name in graph.Inputs.Concat(graph.Outputs))
        {
            var t = graph[name];
            if (t.IsConstant) throw new TinyGenException($"model input/output '{name}' is a constant");
            if (t.Type is not (ElementType.Int8 or ElementType.UInt8 or ElementType.Float32))
                throw new TinyGenException($"model input/output '{name}' is {t.Type.DisplayName()}; only int8, uint8 and float32 are supported at the edges");
        }
    }

    private static List<object> EdgeViews(Graph graph, ArenaPlan plan, ImmutableArray<string> names)
    {
        // "count" is taken so that TG_M_INPUT_<NAME> can never be TG_M_INPUT_COUNT.
        var scope = new CIdentifierScope(["count"]);
        return names.Select((name, index) =>
        {
            var t = graph[name];
            var q = t.Quantization;
            return (object)new
            {
                Index = CLiteral.Int(index),
                NameMacro = scope.Claim(name).ToUpperInvariant(),
                Comment = CText.Comment($"'{name}' {t.Type.DisplayName()} {t.ShapeText}"),
                CType = CTypes.Of(t.Type),
                HarnessType = CTypes.HarnessType(t.Type),
                Elements = CLiteral.Unsigned(t.ElementCount),
                Bytes = CLiteral.Unsigned(t.SizeInBytes),
                Rank = CLiteral.Int(t.Rank),
                HasShape = t.Rank > 0,
                Shape = string.Join(", ", t.Shape.Select(d => CLiteral.Int(d))),
                Quantized = t.Type != ElementType.Float32 && q is not null,
                Scale = q is null ? "" : CLiteral.Float(q.Scale),
                ZeroPoint = q is null ? "" : CLiteral.IntForMacro(q.ZeroPoint),
                // an input the patch stage pulls through the callback has no bytes in the arena
                InArena = plan.Contains(name) && (plan[name].Size > 0 || t.SizeInBytes == 0),
                Offset = plan.Contains(name) ? CLiteral.Int(plan[name].Offset) : "0",
                Width = CLiteral.Int(t.Rank == 4 ? t.Shape[2] : 0),
                Channels = CLiteral.Int(t.Rank == 4 ? t.Shape[3] : 0),
            };
        }).ToList();
    }

    private static string CheckFlag(Board board, string flag) =>
        SafeFlag().IsMatch(flag) ? flag : throw new TinyGenException($"board file {board.SourcePath}: cflag '{CText.Comment(flag)}' contains characters that are not allowed in a compiler flag");

    [GeneratedRegex(@"^[A-Za-z0-9_=+\-.,/:]+$")]
    private static partial Regex SafeFlag();

    [GeneratedRegex(@"^\s*INCLUDE\s+([A-Za-z0-9_.\-]+)", RegexOptions.Multiline)]
    private static partial Regex LinkerInclude();

    private static List<string> HarnessSources(string firmware)
    {
        var dir = Path.Combine(firmware, "harness");
        if (!Directory.Exists(dir))
            throw new TinyGenException($"the test harness folder {dir} is missing", ExitCodes.ToolError);
        return Directory.EnumerateFiles(dir)
            .Where(f => f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".h", StringComparison.Ordinal))
            // host_main.c replaces startup and UART in host (sanitizer) builds; it never goes into firmware
            .Where(f => Path.GetFileName(f) != "host_main.c")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The board's linker script and every script it INCLUDEs (resolved in boards/, as the linker's -L would).</summary>
    private static List<string> LinkerScripts(Board board)
    {
        var result = new List<string>();
        var pending = new Queue<string>([board.LinkerScriptPath]);
        while (pending.Count > 0)
        {
            var path = pending.Dequeue();
            if (result.Contains(path, StringComparer.Ordinal)) continue;
            if (!File.Exists(path))
                throw new TinyGenException($"board '{board.Name}': linker script {path} does not exist", ExitCodes.UserError);
            result.Add(path);
            foreach (Match m in LinkerInclude().Matches(File.ReadAllText(path)))
                pending.Enqueue(Path.Combine(board.BoardsDirectory, m.Groups[1].Value));
        }
        return result.OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<EmittedFile> CopyFolder(string source, string target, Func<string, bool> include)
    {
        if (!Directory.Exists(source))
            throw new TinyGenException($"firmware folder {source} is missing", ExitCodes.ToolError);
        return Directory.EnumerateFiles(source)
            .Where(include)
            .Order(StringComparer.Ordinal)
            .Select(f => new EmittedFile($"{target}/{Path.GetFileName(f)}", File.ReadAllText(f)))
            .ToList();
    }
}
