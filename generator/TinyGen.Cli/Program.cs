using System.CommandLine;
using System.Reflection;
using Spectre.Console;
using TinyGen.Cli.Commands;
using TinyGen.Diagnostics;

namespace TinyGen.Cli;

/// <summary>
/// The tinygen command line: parses arguments, calls the Compiler (and the runner), formats
/// results. Every failure ends as one line on stderr and a documented exit code, never a stack trace.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // Bind Spectre to the current stdout (it may have been redirected since start-up). Piped
        // output (logs, CI) has no terminal width; tables need more than the default 80 columns.
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        var root = new RootCommand("TinyGen compiles quantized ONNX and TFLite models into plain C for Cortex-M microcontrollers, and proves the result bit-exact in QEMU.\n\n" +
            "Examples:\n" +
            "  tinygen example ds-cnn -o ds_cnn.onnx\n" +
            "  tinygen inspect ds_cnn.onnx\n" +
            "  tinygen run ds_cnn.onnx --board mps2-an386\n" +
            "  tinygen compile ds_cnn.onnx --board disco_f746ng --format cmake -o kws\n" +
            "  tinygen report ds_cnn.onnx --board nano33ble -o kws.html\n\n" +
            "Exit codes: 0 success, 1 outputs differ from the reference, 2 user error, 3 tool missing or failed, 4 firmware crashed or hung, 5 TinyGen bug.")
        {
            InspectCommand.Create(),
            CompileCommand.Create(),
            PlanCommand.Create(),
            RunCommand.Create(),
            ExampleCommand.Create(),
            BoardsCommand.Create(),
            ReportCommand.Create(),
        };
        // System.CommandLine's own --version reads the entry assembly, which is the host when
        // TinyGen runs in-process (tests, embedding); the version is this assembly's.
        if (args is ["--version"])
        {
            Console.WriteLine(Version);
            return ExitCodes.Success;
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run 'tinygen --help' for usage.");
            return ExitCodes.UserError;
        }
        return Guarded(() => parsed.Invoke());
    }

    /// <summary>The tool's version: the package version and, after '+', the commit it was built from.</summary>
    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Program).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Runs a command body, turning every failure into a message and an exit code.</summary>
    public static int Guarded(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (TinyGenException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message} (this is a TinyGen bug; please report it with the model)");
            return ExitCodes.InternalError;
        }
    }
}
