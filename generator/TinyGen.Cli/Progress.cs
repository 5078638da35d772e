using Spectre.Console;

namespace TinyGen.Cli;

/// <summary>
/// A spinner with a status line on stderr for the long steps (compile, build, QEMU run), shown only
/// when stderr is a terminal, so pipes and logs never see it; <c>quiet</c> (--json) turns it off too,
/// since a script reading the JSON wants nothing else on the terminal.
/// </summary>
public static class Progress
{
    public static T Run<T>(string status, Func<T> step, bool quiet = false)
    {
        if (quiet || Console.IsErrorRedirected || !Environment.UserInteractive) return step();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Status().Start(status, _ => step());
    }
}
