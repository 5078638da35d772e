using System.Diagnostics;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx;
using TinyGen.Reference;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.Conformance;

/// <summary>
/// The ONNX backend node tests for the quantization operators, imported, lowered and run by the
/// reference interpreter, compared with the outputs stored upstream: exact for QuantizeLinear /
/// DequantizeLinear, within one step for QLinearConv / QLinearMatMul (upstream computed those with
/// float requantization; TinyGen uses TFLite's fixed point). Variants with types or schemes TinyGen
/// does not compile (int4, uint4, int16, uint16, float8, blocked) must fail with a TinyGenException
/// naming the type or "blocked". Runs on the shared copy (TINYGEN_MODELS/onnx-node-tests, ONNX at
/// opset 21-25) and, when installed, on Debian's libonnx-testdata (ONNX 1.12, older opsets).
/// See <see cref="NodeTestModel"/> for how scale and zero-point graph inputs become initializers.
/// </summary>
public sealed class OnnxNodeTests(ITestOutputHelper output)
{
    private static readonly string[] Prefixes = ["test_qlinearconv", "test_qlinearmatmul", "test_quantizelinear", "test_dequantizelinear"];

    /// <summary>Name fragments of variants outside TinyGen's int8/uint8, per-tensor/per-axis scope; the error must name one.</summary>
    private static readonly string[] UnsupportedMarkers = ["uint4", "int4", "uint16", "int16", "float8", "e4m3", "e5m2", "float4", "blocked"];

    /// <summary>
    /// QLinearMatMul on 3-D operands multiplies a batch of matrices; with B made constant that is a stack of
    /// weight matrices, which TinyGen's fully connected kernel (2-D weights) does not take. The error must say so.
    /// </summary>
    private const string BatchedMatMulMarker = "2-D";

    private static readonly Lazy<string?> debianNodeTests = new(FindDebianNodeTests);

    public static TheoryData<string> SharedTests() => TestsIn(TestPaths.ModelPath("onnx-node-tests"));

    public static TheoryData<string> DebianTests() => TestsIn(debianNodeTests.Value);

    [RequiresModelsTheory("onnx-node-tests")]
    [MemberData(nameof(SharedTests))]
    public void Shared_node_test(string test) => Check(Path.Combine(TestPaths.ModelPath("onnx-node-tests"), test));

    [RequiresDebianOnnxTestDataTheory]
    [MemberData(nameof(DebianTests))]
    public void Debian_node_test(string test) => Check(Path.Combine(debianNodeTests.Value!, test));

    [RequiresModelsFact("onnx-node-tests")]
    public void Every_operator_family_has_tests_and_some_are_unsupported_variants()
    {
        var tests = SharedTests().Cast<object[]>().Select(row => (string)row[0]).ToList();
        foreach (var prefix in Prefixes)
            Assert.Contains(tests, t => t.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Contains(tests, t => Unsupported(t) is not null);
    }

    private void Check(string directory)
    {
        var test = NodeTestModel.Load(directory);
        if (Unsupported(test.Name) is { } markers)
        {
            var error = Assert.Throws<TinyGenException>(() => Compiler.Lower(OnnxImporter.Import(test.Model, test.Name)));
            output.WriteLine($"{test.Name}: {error.Message}");
            Assert.True(markers.Any(m => error.Message.Contains(m, StringComparison.OrdinalIgnoreCase)),
                $"the error should name one of [{string.Join(", ", markers)}]: {error.Message}");
            return;
        }

        var lowered = Compiler.Lower(OnnxImporter.Import(test.Model, test.Name));
        var actual = Interpreter.Run(lowered, [test.Activation]).Single();

        var (expectedType, expectedData) = test.Expected;
        Assert.Equal(expectedType, actual.Type);
        var expected = expectedData.ToDoubles();
        var values = actual.ToDoubles();
        Assert.Equal(expected.Length, values.Length);
        var differences = expected.Zip(values, (e, a) => Math.Abs(e - a)).ToArray();
        output.WriteLine($"{test.Name}: {differences.Count(d => d > 0)} of {expected.Length} elements differ, largest difference {differences.Max()}");
        if (test.Name.StartsWith("test_qlinear", StringComparison.Ordinal))
            Assert.True(differences.Max() <= 1, $"largest difference {differences.Max()} step(s) > 1");
        else
            Assert.Equal(expectedData.Bytes.ToArray(), actual.Bytes.ToArray()); // bit for bit, floats included
    }

    /// <summary>The fragments one of which the rejection must name, or null when TinyGen must compute the test.</summary>
    private static string[]? Unsupported(string test)
    {
        var markers = UnsupportedMarkers.Where(m => test.Contains(m, StringComparison.Ordinal)).ToArray();
        if (test.StartsWith("test_qlinearmatmul_3D", StringComparison.Ordinal)) markers = [.. markers, BatchedMatMulMarker];
        return markers.Length == 0 ? null : markers;
    }

    private static TheoryData<string> TestsIn(string? root)
    {
        var data = new TheoryData<string>();
        if (root is null || !Directory.Exists(root)) return data;
        foreach (var dir in Directory.EnumerateDirectories(root).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            if (Prefixes.Any(p => dir!.StartsWith(p, StringComparison.Ordinal)) && File.Exists(Path.Combine(root, dir!, "model.onnx")))
                data.Add(dir!);
        return data;
    }

    /// <summary>Where Debian's libonnx-testdata put its node tests (dpkg -L knows), or null when it is not installed.</summary>
    internal static string? FindDebianNodeTests()
    {
        try
        {
            var start = new ProcessStartInfo("dpkg", ["-L", "libonnx-testdata"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var dpkg = Process.Start(start);
            if (dpkg is null) return null;
            var listing = dpkg.StandardOutput.ReadToEnd();
            dpkg.WaitForExit();
            return listing.Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.EndsWith("/data/node", StringComparison.Ordinal) && Directory.Exists(l));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null; // no dpkg: not a Debian system
        }
    }

    /// <summary>A theory skipped, saying how to get it, when libonnx-testdata is not installed.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    private sealed class RequiresDebianOnnxTestDataTheoryAttribute : TheoryAttribute
    {
        public RequiresDebianOnnxTestDataTheoryAttribute()
        {
            if (debianNodeTests.Value is null)
                Skip = "Debian's ONNX node tests are not installed (apt-get install libonnx-testdata).";
        }
    }
}
