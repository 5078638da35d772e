namespace TinyGen.Run;

/// <summary>What a finished (or killed) child process left behind.</summary>
/// <param name="ExitCode">The exit status; meaningless when <paramref name="TimedOut"/> is true.</param>
/// <param name="TimedOut">The process outlived its time limit and was killed with its children.</param>
public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>stderr then stdout, for error messages: gcc reports on stderr, QEMU sometimes on stdout.</summary>
    public string CombinedOutput =>
        string.IsNullOrEmpty(StandardOutput) ? StandardError
        : string.IsNullOrEmpty(StandardError) ? StandardOutput
        : StandardError.TrimEnd() + "\n" + StandardOutput;
}
