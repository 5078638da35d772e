namespace TinyGen.Tests.Cli;

/// <summary>Runs tinygen's Main in-process with stdout/stderr captured (tests using it share one collection: Console is global).</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    private static readonly object Gate = new();

    public static Result Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldError) = (Console.Out, Console.Error);
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                var code = TinyGen.Cli.Program.Main(args);
                return new Result(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}

[CollectionDefinition("cli", DisableParallelization = true)]
public sealed class CliCollection;
