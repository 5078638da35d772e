using TinyGen.Tests.Support;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TinyGen.Tests.Frontends.Building;

/// <summary>
/// Runs protoc from the Grpc.Tools package (restored for every build of TinyGen.Frontends, so always
/// present where the tests build) as an independent decoder of serialized models.
/// </summary>
internal static class ProtocDecoder
{
    public static string Decode(byte[] model)
    {
        string protoDir = Path.Combine(TestPaths.RepoRoot, "generator", "TinyGen.Frontends", "Onnx");
        var start = new ProcessStartInfo(FindProtoc())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { $"--proto_path={protoDir}", "--decode=tinygen.onnx.ModelProto", "onnx.proto" })
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(model);
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"protoc failed: {stderr.Result}");
        return stdout.Result;
    }

    private static string FindProtoc()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string platform = (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "windows" :
            RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macosx" : "linux")
            + (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "_arm64" : "_x64");
        string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "protoc.exe" : "protoc";
        string? found = Directory.Exists(Path.Combine(packages, "grpc.tools"))
            ? Directory.GetDirectories(Path.Combine(packages, "grpc.tools"))
                .Select(d => Path.Combine(d, "tools", platform, exe))
                .Where(File.Exists)
                .OrderByDescending(p => p, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return found ?? throw new FileNotFoundException($"protoc ({platform}) not found under {packages}/grpc.tools; restore TinyGen.Frontends first.");
    }
}
