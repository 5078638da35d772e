using System.Reflection;
using System.Text.RegularExpressions;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Run;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Cli;

/// <summary>
/// The README's exit-code table is what scripts rely on: it must list exactly the codes the CLI
/// defines, and each code must be what the built tool really returns in that situation. The tool runs
/// as a child process, so a changed PATH or a sabotaged product folder (TINYGEN_HOME) stays its own.
/// </summary>
public sealed partial class ExitCodeTableTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly string folder = Directory.CreateTempSubdirectory("tinygen-exit-codes-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_readme_table_lists_exactly_the_codes_the_cli_defines()
    {
        var defined = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

        var documented = ReadmeTable();

        Assert.Equal(defined.Values.Order(), documented.Keys.Order());
        Assert.All(documented.Values, meaning => Assert.False(string.IsNullOrWhiteSpace(meaning)));
        // the rows say what the constants are for
        Assert.Contains("differ", documented[ExitCodes.Mismatch]);
        Assert.Contains("bad model", documented[ExitCodes.UserError]);
        Assert.Contains("tool", documented[ExitCodes.ToolError]);
        Assert.Contains("crashed", documented[ExitCodes.FirmwareError]);
        Assert.Contains("bug", documented[ExitCodes.InternalError]);
    }

    [Fact]
    public void Success_user_error_missing_tool_and_internal_error_end_with_their_documented_codes()
    {
        var model = Model();

        Assert.Equal(0, Tinygen(["inspect", model]).ExitCode);

        var badOption = Tinygen(["inspect", model, "--board", "no-such-board"]);
        Assert.Equal(2, badOption.ExitCode);
        Assert.Contains("no-such-board", badOption.StandardError);

        // no arm-none-eabi-gcc or qemu on PATH: the dotnet host is started by its full path
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty-path")).FullName;
        var noTools = Tinygen(["run", model], new Dictionary<string, string> { ["PATH"] = empty });
        Assert.Equal(3, noTools.ExitCode);
        Assert.Contains("arm-none-eabi-gcc", noTools.StandardError);

        // a template that does not parse is TinyGen's own fault, not the user's
        var home = ProductCopy();
        File.AppendAllText(Path.Combine(home, "templates", "model.c.hbs"), "{{#each nothing}\n");
        var bug = Tinygen(["compile", model, "-o", Path.Combine(folder, "out")], new Dictionary<string, string> { ["TINYGEN_HOME"] = home });
        Assert.Equal(5, bug.ExitCode);
        Assert.Contains("please report it", bug.StandardError);
    }

    [RequiresFirmwareFact]
    public void A_wrong_output_and_a_crashing_firmware_end_with_their_documented_codes()
    {
        var model = Model();
        var home = ProductCopy();
        var harness = Path.Combine(home, "firmware", "harness", "harness.c");
        var original = File.ReadAllText(harness);
        const string invoke = "const int status = m->invoke();";
        Assert.Contains(invoke, original);
        var environment = new Dictionary<string, string> { ["TINYGEN_HOME"] = home };

        // one bit flipped in the first output after invoke: the firmware disagrees with the reference
        File.WriteAllText(harness, original.Replace(invoke, invoke + "\n    ((uint8_t *)m->outputs[0].data())[0] ^= 1u;"));
        var mismatch = Tinygen(["run", model, "--board", "mps2-an385"], environment);
        Assert.True(mismatch.ExitCode == 1, mismatch.CombinedOutput);
        Assert.Contains("match: NO", mismatch.StandardOutput);

        // a trap before invoke: HardFault
        File.WriteAllText(harness, original.Replace(invoke, "__builtin_trap();\n    " + invoke));
        var crash = Tinygen(["run", model, "--board", "mps2-an385"], environment);
        Assert.True(crash.ExitCode == 4, crash.CombinedOutput);
        Assert.Contains("HardFault", crash.StandardError);
    }

    /// <summary>Code → meaning, from the table under the README's "Exit codes" heading.</summary>
    private static Dictionary<int, string> ReadmeTable()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var heading = Array.FindIndex(lines, l => l.TrimStart('#', ' ').Equals("Exit codes", StringComparison.OrdinalIgnoreCase) && l.StartsWith('#'));
        Assert.True(heading >= 0, "README.md has no 'Exit codes' heading");
        return lines.Skip(heading + 1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => TableRow().Match(l))
            .Where(m => m.Success)
            .ToDictionary(m => int.Parse(m.Groups["code"].Value), m => m.Groups["meaning"].Value.Trim());
    }

    [GeneratedRegex(@"^\|\s*(?<code>\d+)\s*\|(?<meaning>.*)\|\s*$")]
    private static partial Regex TableRow();

    private string Model()
    {
        var path = Path.Combine(folder, "tiny.onnx");
        File.WriteAllBytes(path, ExampleModels.TinyCnn(1));
        return path;
    }

    /// <summary>A private copy of the product folders, for TINYGEN_HOME, that a test may break.</summary>
    private string ProductCopy()
    {
        var home = Path.Combine(folder, "home");
        foreach (var name in new[] { "templates", "boards", "firmware" })
            CopyTree(Path.Combine(TestPaths.RepoRoot, name), Path.Combine(home, name));
        return home;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private ProcessOutcome Tinygen(string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dotnet = ExecutableSearch.FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");
        var tool = ToolPackage.BuiltTool;
        return ProcessRunner.Run(dotnet, [tool, .. arguments], Limit, folder, environment);
    }
}
