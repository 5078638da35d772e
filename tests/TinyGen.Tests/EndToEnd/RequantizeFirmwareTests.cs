using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using TinyGen.Arithmetic;
using TinyGen.Run;
using TinyGen.Tests.Backend;
using TinyGen.Tests.Run;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// tg_requantize as the Arm compiler builds it (SMULL/SMLAL, register shifts) in QEMU on the Cortex-M3
/// and M4 boards: the firmware applies it to a table of (x, multiplier, shift) triples with the reference's
/// FixedPoint result beside each, and reports the first index where they differ and how many it checked.
/// The host test (RequantizeHostTests) covers millions of triples; this one covers the extremes at every
/// shift and a few thousand ties and random triples on the real instruction set.
/// </summary>
public sealed class RequantizeFirmwareTests(ITestOutputHelper output)
{
    public static TheoryData<string> Boards => new(KernelCases.M3, KernelCases.M4);

    [RequiresFirmwareTheory]
    [MemberData(nameof(Boards))]
    public void Equals_the_reference_on_the_board(string board)
    {
        var cases = RequantizeCases.Extremes().Concat(RequantizeCases.Random(2000, seed: board.Length)).ToList();
        var project = RunTestSupport.TinyProject(CheckBody, outputBytes: 8, declarations: CaseTable(cases));
        try
        {
            var toolchain = Toolchain.Locate();
            var target = RunTestSupport.Target(board);
            var build = new FirmwareBuilder(toolchain, RunTestSupport.Firmware).Build(project, target, Path.Combine(project, "out"));
            var result = new QemuRunner(toolchain).RunHarness(build.ElfPath, target);

            var bytes = Assert.Single(result.Outputs).Values.ToInt8().Select(v => (byte)v).ToArray();
            var firstMismatch = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            var checkedCount = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
            Assert.Equal(cases.Count, checkedCount);
            Assert.True(firstMismatch < 0, firstMismatch < 0 ? "" : $"tg_requantize{cases[firstMismatch]} differs from the reference on {board}");
            output.WriteLine($"{board}: {cases.Count} triples in {result.Instructions} instructions ({(double)result.Instructions / cases.Count:F1} per triple, table walk and compare included)");
        }
        finally
        {
            try { Directory.Delete(project, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }

    /// <summary>Checks every triple; 'out' gets the first mismatch (-1 for none) and the count, as int32 each.</summary>
    private const string CheckBody = """
        const int32_t count = (int32_t)(sizeof cases / sizeof cases[0]);
        int32_t first_mismatch = -1;
        int32_t checked = 0;
        for (int32_t i = 0; i < count; ++i, ++checked) {
            if (tg_requantize(cases[i][0], cases[i][1], cases[i][2]) != cases[i][3] && first_mismatch < 0) first_mismatch = i;
        }
        memcpy(out, &first_mismatch, sizeof first_mismatch);
        memcpy(out + 4, &checked, sizeof checked);
        return 0;
        """;

    private static string CaseTable(IReadOnlyList<(int X, int Multiplier, int Shift)> cases)
    {
        var table = new StringBuilder();
        foreach (var (x, multiplier, shift) in cases)
        {
            var expected = FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift);
            table.Append(CultureInfo.InvariantCulture, $"    {{ {Literal(x)}, {Literal(multiplier)}, {shift}, {Literal(expected)} }},\n");
        }
        return $$"""
            #include <string.h>
            #include "tg_math.h"

            /* x, multiplier, shift, the reference's result */
            static const int32_t cases[][4] = {
            {{table}}};
            """;
    }

    // INT32_MIN has no literal in C (2147483648 does not fit an int before the minus applies)
    private static string Literal(int value) => value == int.MinValue ? "INT32_MIN" : value.ToString(CultureInfo.InvariantCulture);
}
