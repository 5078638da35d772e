using TinyGen.Diagnostics;

namespace TinyGen.Run;

/// <summary>
/// Turns a finished harness run (firmware or host) into a result: the report must parse, the model's
/// invoke must have returned 0, and the exit status must agree with TG_STATUS (0 ⇔ status 0).
/// </summary>
public static class HarnessVerdict
{
    public static FirmwareResult Check(FirmwareRun run, string where)
    {
        FirmwareResult result;
        try
        {
            result = HarnessOutputParser.Parse(run.Output);
        }
        catch (TinyGenException e) when (run.ExitCode != 0)
        {
            throw new TinyGenException($"firmware exited with status {run.ExitCode} {where}: {e.Message}{Diagnostics(run)}", ExitCodes.FirmwareError, e);
        }
        if (result.Status != 0)
            throw new TinyGenException($"the model's invoke returned {result.Status} {where} (TG_ARG_ERROR = -1: a kernel rejected its arguments)", ExitCodes.FirmwareError);
        if (run.ExitCode != 0)
            throw new TinyGenException($"firmware reported status 0 but exited with {run.ExitCode} {where}{Diagnostics(run)}", ExitCodes.FirmwareError);
        return result;
    }

    private static string Diagnostics(FirmwareRun run) =>
        string.IsNullOrWhiteSpace(run.Diagnostics) ? "" : "\n" + run.Diagnostics.Trim();
}
