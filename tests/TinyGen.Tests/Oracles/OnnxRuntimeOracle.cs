using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Oracles;

/// <summary>
/// Runs an ONNX model with onnxruntime (CPU, through node and tests/oracle/run-onnx.js) so tests can
/// check TinyGen against outputs nobody on the project wrote. Each call starts one node process.
/// Install once with: <c>cd tests/oracle &amp;&amp; ONNXRUNTIME_NODE_INSTALL=skip npm ci</c>.
/// <para>
/// <c>optimization</c> is onnxruntime's graph optimization level. "disabled" (the default) runs every
/// node with its own kernel as the graph is written, so a QDQ model computes in float between
/// DequantizeLinear and QuantizeLinear: the ONNX meaning of the graph. "basic" adds constant folding
/// and redundant-node removal. "extended" and "all" also fuse DQ→op→Q groups into integer kernels
/// (QLinearConv, QGemm, ...) whose fixed-point requantization can differ by 1 from the float path:
/// closer to what an MCU does, but onnxruntime's own integer arithmetic, not TFLite's.
/// </para>
/// </summary>
public static class OnnxRuntimeOracle
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Lazy<string?> unavailableReason = new(FindUnavailableReason);

    /// <summary>tests/oracle in the repository.</summary>
    public static string OracleDir => Path.Combine(TestPaths.RepoRoot, "tests", "oracle");

    /// <summary>
    /// True when node is on PATH, tests/oracle/node_modules/onnxruntime-node is installed and its native
    /// binding loads (checked once per test run); otherwise <paramref name="whyNot"/> says what is missing.
    /// </summary>
    public static bool IsAvailable(out string whyNot)
    {
        whyNot = unavailableReason.Value ?? "";
        return unavailableReason.Value is null;
    }

    /// <summary>Runs the model file at <paramref name="modelPath"/> once; returns its outputs in graph order.</summary>
    public static IReadOnlyList<OracleTensor> Run(
        string modelPath,
        IReadOnlyList<OracleTensor> inputs,
        string optimization = "disabled",
        TimeSpan? timeout = null) =>
        Send(new Request(Path.GetFullPath(modelPath), null, optimization, ToWire(inputs)), timeout);

    /// <summary>Runs the serialized model <paramref name="model"/> once; returns its outputs in graph order.</summary>
    public static IReadOnlyList<OracleTensor> Run(
        byte[] model,
        IReadOnlyList<OracleTensor> inputs,
        string optimization = "disabled",
        TimeSpan? timeout = null) =>
        Send(new Request(null, Convert.ToBase64String(model), optimization, ToWire(inputs)), timeout);

    private static List<WireInput> ToWire(IReadOnlyList<OracleTensor> inputs) =>
        inputs.Select(t => new WireInput(t.Name, t.Type, t.Dims, Convert.ToBase64String(t.Data))).ToList();

    private static IReadOnlyList<OracleTensor> Send(Request request, TimeSpan? timeout)
    {
        if (!IsAvailable(out var whyNot))
        {
            throw new InvalidOperationException($"onnxruntime oracle unavailable: {whyNot}");
        }

        var result = RunNode(["run-onnx.js"], JsonSerializer.Serialize(request, JsonOptions), timeout ?? DefaultTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"onnxruntime oracle failed (exit {result.ExitCode}) on {request.Model ?? "an in-memory model"}: {result.StandardError.Trim()}");
        }

        var response = JsonSerializer.Deserialize<Response>(result.StandardOutput, JsonOptions)
            ?? throw new InvalidOperationException("onnxruntime oracle printed no response.");
        return response.Outputs
            .Select(o => new OracleTensor(o.Type, o.Dims, Convert.FromBase64String(o.Base64), o.Name))
            .ToList();
    }

    private static string? FindUnavailableReason()
    {
        if (TestPaths.TryRepoRoot is null)
        {
            return $"TinyGen.sln not found above {AppContext.BaseDirectory}, so tests/oracle cannot be located.";
        }

        if (FindOnPath("node") is null)
        {
            return "node is not on PATH (the onnxruntime oracle runs under node).";
        }

        var binding = Path.Combine(OracleDir, "node_modules", "onnxruntime-node", "package.json");
        if (!File.Exists(binding))
        {
            return $"onnxruntime-node is not installed in {OracleDir} (run: cd tests/oracle && ONNXRUNTIME_NODE_INSTALL=skip npm ci).";
        }

        try
        {
            var probe = RunNode(["run-onnx.js", "--version"], "", ProbeTimeout);
            return probe.ExitCode == 0
                ? null
                : $"onnxruntime-node does not load here (exit {probe.ExitCode}): {probe.StandardError.Trim()}";
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"onnxruntime-node probe failed: {e.Message}";
        }
    }

    private static NodeResult RunNode(IReadOnlyList<string> arguments, string standardInput, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = OracleDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Could not start node.");

        // Read both pipes while writing stdin: a large response would otherwise fill a pipe and deadlock.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // node exited before reading everything (e.g. it rejected the arguments); its exit code and stderr tell why.
        }

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException(
                $"onnxruntime oracle (node {string.Join(" ", arguments)}) did not finish within {timeout.TotalSeconds:0} s and was killed.");
        }

        process.WaitForExit(); // lets the asynchronous pipe readers finish
        return new NodeResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : new[] { program };
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    private sealed record NodeResult(int ExitCode, string StandardOutput, string StandardError);

    private sealed record Request(string? Model, string? ModelBase64, string Optimization, List<WireInput> Inputs);

    private sealed record WireInput(string? Name, string Type, int[] Dims, string Data);

    private sealed record Response(List<WireOutput> Outputs);

    private sealed record WireOutput(string Name, string Type, int[] Dims, string Base64);
}
