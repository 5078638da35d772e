using System.Globalization;
using System.Text.RegularExpressions;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Run;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Cli;

/// <summary>
/// 'tinygen report': one self-contained HTML page. Checked as text (rows, numbers worked out by hand,
/// escaping, no external resources) and, where chromium exists, as a browser renders it.
/// </summary>
[Collection("cli")]
public sealed class ReportCommandTests : IDisposable
{
    // A file name a shell allows and HTML does not: it must come out as text, never as markup.
    private const string HostileStem = "kws<script>alert(1)<&\"x";

    private readonly string folder = Directory.CreateTempSubdirectory("tinygen-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (string Model, string Html) Report(params string[] extra)
    {
        var model = Path.Combine(folder, HostileStem + ".onnx");
        File.WriteAllBytes(model, ExampleModels.TinyCnn(3));
        var html = Path.Combine(folder, "report.html");
        var result = CliRunner.Run(["report", model, "--board", "mps2-an386", "-o", html, .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return (model, File.ReadAllText(html));
    }

    [Fact]
    public void The_report_has_a_row_per_layer_with_hand_checked_macs_and_a_timeline_rect_per_buffer()
    {
        var (model, html) = Report();
        var compilation = Compiler.Compile(model, new CompileOptions { Board = "mps2-an386" });

        var rows = Regex.Matches(html, "<tr class=\"layer\">(.*?)</tr>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(compilation.Lowered.Operations.Length, rows.Count);
        // The first convolution: 8x8 outputs x 8 channels, each a 3x3 window over 3 input channels.
        var conv = rows.First(r => r.Contains(">Conv2D<", StringComparison.Ordinal));
        Assert.Contains($">{8 * 8 * 8 * 3 * 3 * 3:N0}<", conv);
        // Every arena placement lies inside the arena.
        foreach (Match m in Regex.Matches(html, @">([\d,]+) \(\+([\d,]+)\)<"))
            Assert.True(Number(m.Groups[1].Value) + Number(m.Groups[2].Value) <= compilation.Project.Plan.TotalBytes);

        var buffers = compilation.Project.Plan.Buffers.Count(b => !b.IsAlias && b.Size > 0);
        Assert.Equal(buffers, Regex.Matches(html, "<rect class=\"buffer\"").Count);
        Assert.Contains($"SRAM: {compilation.SramBytes:N0} of 4,194,304 B", html);
    }

    [Fact]
    public void Model_text_is_escaped_and_nothing_is_loaded_from_outside()
    {
        var (_, html) = Report();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("kws&lt;script&gt;alert(1)&lt;&amp;&quot;x", html);
        foreach (var external in new[] { "<link", "<img", "<iframe", "src=", "href=", "url(", "@import" })
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        // The only URL is the SVG namespace, an identifier browsers never fetch.
        Assert.All(Regex.Matches(html, @"https?://[^""\s]+").Select(m => m.Value), url => Assert.Equal("http://www.w3.org/2000/svg", url));
    }

    [RequiresFirmwareFact]
    public void With_run_the_report_shows_the_instructions_qemu_measured()
    {
        var (_, html) = Report("--run");

        var measured = Regex.Match(html, "<dd id=\"measured\">([\\d,]+) instructions, stack ([\\d,]+) B, <span class=\"ok\">outputs equal the reference</span>");
        Assert.True(measured.Success, "no measurement in the report");
        Assert.True(Number(measured.Groups[1].Value) > 10_000);
    }

    [RequiresChromiumFact]
    public void Chromium_renders_the_layer_rows_and_a_non_empty_screenshot()
    {
        var (_, html) = Report();
        var page = Path.Combine(folder, "report.html");
        var chromium = new[] { "chromium", "chromium-browser" }.Select(ExecutableSearch.FindOnPath).First(p => p is not null)!;

        var dom = ProcessRunner.Run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://" + page], TimeSpan.FromMinutes(2));
        Assert.Equal(Regex.Matches(html, "<tr class=\"layer\">").Count, Regex.Matches(dom.StandardOutput, "<tr class=\"layer\">").Count);

        var png = Path.Combine(folder, "report.png");
        ProcessRunner.Run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--screenshot=" + png, "--window-size=1200,1600", "file://" + page], TimeSpan.FromMinutes(2), folder);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
