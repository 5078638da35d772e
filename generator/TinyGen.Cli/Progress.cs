using Spectre.Console;

namespace TinyGen.Cli;

/// <summary>
/// A spinner with a status line on stderr for the long steps (compile, build, QEMU run), shown only
/// when stderr is a terminal, so pipes, logs and --json output never see it.
/// </summary>
public static class Progress
{
    public static T Run<T>(string status, Func<T> step)
    {
        if (Console.IsErrorRedirected || !Environment.UserInteractive) return step();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Status().Start(status, _ => step());
    }
}
