using System.Globalization;
using System.Text.RegularExpressions;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Building;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.EndToEnd;

/// <summary>
/// What a user sees when a model cannot be compiled: always a <see cref="TinyGenException"/> with the
/// user-error exit code, raised through the one entry point (<see cref="Compiler.Compile"/>), and a
/// message that names what is wrong (node and op, file, "not quantized", the bytes needed and available).
/// </summary>
public sealed class ErrorTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "tinygen-errors-" + Guid.NewGuid().ToString("N")[..12]);

    public ErrorTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    [Fact]
    public void An_unsupported_op_is_reported_with_its_node_name_and_op_type()
    {
        // int8 → DequantizeLinear → Sin → QuantizeLinear → int8: quantized like a supported op, but Sin has no kernel.
        var b = new OnnxModelBuilder();
        b.AddInput("x", OnnxElementType.Int8, 1, 8);
        b.AddInitializer("scale", [0.05f]);
        b.AddInitializer("zero", new sbyte[] { 0 });
        b.AddNode("DequantizeLinear", ["x", "scale", "zero"], ["x_real"], name: "dq_in");
        b.AddNode("Sin", ["x_real"], ["y_real"], name: "the_sine_node");
        b.AddNode("QuantizeLinear", ["y_real", "scale", "zero"], ["y"], name: "q_out");
        b.AddOutput("y", OnnxElementType.Int8, 1, 8);

        var error = CompileError(Write("sine.onnx", b.Build()));

        Assert.Contains("the_sine_node", error.Message);
        Assert.Contains("Sin", error.Message);
        Assert.Contains("not supported", error.Message);
    }

    [Fact]
    public void A_truncated_model_file_is_a_user_error_naming_the_file()
    {
        var whole = ExampleModels.TinyCnn();
        var path = Write("truncated.onnx", whole[..(whole.Length / 2)]);

        var error = CompileError(path);

        Assert.Contains("truncated.onnx", error.Message);
        Assert.Contains("not a valid ONNX model", error.Message);
    }

    [Fact]
    public void A_file_of_garbage_is_a_user_error_naming_the_file()
    {
        var garbage = new byte[4096];
        new Random(5).NextBytes(garbage);
        var path = Write("garbage.onnx", garbage);

        var error = CompileError(path);

        Assert.Contains("garbage.onnx", error.Message);
    }

    [Fact]
    public void A_missing_model_file_is_a_user_error()
    {
        var error = CompileError(Path.Combine(folder, "absent.onnx"));

        Assert.Contains("absent.onnx", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void A_float_only_model_is_rejected_as_not_quantized()
    {
        // A plain float Conv with no QuantizeLinear/DequantizeLinear anywhere: a float model.
        var b = new OnnxModelBuilder();
        b.AddInput("x", OnnxElementType.Float, 1, 3, 8, 8);
        b.AddInitializer("w", Enumerable.Range(0, 4 * 3 * 3 * 3).Select(i => (i % 7 - 3) * 0.1f).ToArray(), 4, 3, 3, 3);
        b.AddInitializer("bias", new float[] { 0.1f, -0.2f, 0.3f, 0f }, 4);
        b.AddNode("Conv", ["x", "w", "bias"], ["y"], [OnnxAttribute.Ints("pads", 1, 1, 1, 1)], name: "float_conv");
        b.AddOutput("y", OnnxElementType.Float, 1, 4, 8, 8);

        var error = CompileError(Write("float_model.onnx", b.Build()));

        Assert.Contains("not quantized", error.Message);
        Assert.Contains("float_conv", error.Message);
    }

    [Fact]
    public void Average_pool_counting_padding_is_rejected_with_the_attribute_named()
    {
        var model = QuantizedOpModels.Pool(new PoolSpec(PoolKind.Average, [1, 4, 9, 7])
        {
            Kernel = (3, 3), Pads = Padding2D.Symmetric(1, 1), CountIncludePad = true,
        });

        var error = CompileError(Write("avgpool_countpad.onnx", model.Onnx));

        Assert.Contains("AveragePool", error.Message);
        Assert.Contains("count_include_pad", error.Message);
    }

    [Fact]
    public void A_model_over_the_sram_budget_fails_with_the_bytes_needed_and_available()
    {
        // The emulated boards have 4 MiB of SRAM. Two 2 MiB int8 inputs and a 2 MiB sum cannot fit with
        // the stack, even if the sum is computed in place over one input.
        const int elements = 2 * 1024 * 1024;
        var model = QuantizedOpModels.Binary(BinarySpec.SameShape(BinaryOp.Add, [1, elements]));
        var path = Write("too_big.onnx", model.Onnx);

        var error = CompileError(path, "mps2-an386");

        Assert.Contains("SRAM", error.Message);
        Assert.Contains("mps2-an386", error.Message);
        Assert.Contains(4_194_304.ToString("N0", CultureInfo.InvariantCulture), error.Message);
        var match = Regex.Match(error.Message, @"needs ([\d,]+) bytes of SRAM \(arena ([\d,]+) \+ stack ([\d,]+)\) but board \S+ has ([\d,]+)");
        Assert.True(match.Success, error.Message);
        long Number(int group) => long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(Number(1), Number(2) + Number(3));
        Assert.True(Number(2) >= 2L * elements, $"arena {Number(2)} cannot hold an input and the output");
        Assert.True(Number(1) > Number(4));
    }

    [RequiresFirmwareFact]
    public void A_firmware_over_the_boards_flash_is_a_user_error_in_the_boards_terms()
    {
        // 2,092,960 bytes of weights and tables pass the compile-time check against the M55 board's 2 MiB of
        // flash, but with the kernels and the harness the image does not: the link fails,
        // and the user reads how many bytes the board is short, not the linker's words.
        var model = QuantizedOpModels.FullyConnected(new FullyConnectedSpec(2048, 1016), new QuantOptions());
        var path = Write("too_wide.onnx", model.Onnx);

        var error = Assert.Throws<TinyGenException>(() => TinyGen.Run.ModelVerification.Run(path, new CompileOptions { Board = "mps3-an547" },
            inputFile: null, Path.Combine(folder, "build"), seed: 1));

        Assert.Equal(ExitCodes.UserError, error.ExitCode);
        Assert.Matches(@"does not fit board mps3-an547: its FLASH region is [\d,]+ bytes short", error.Message);
        Assert.DoesNotContain("ld:", error.Message);
    }

    [Fact]
    public void An_unknown_board_lists_the_known_ones()
    {
        var path = Write("tiny.onnx", ExampleModels.TinyCnn());

        var error = CompileError(path, "no-such-board");

        Assert.Contains("no-such-board", error.Message);
        Assert.Contains("mps2-an386", error.Message);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static TinyGenException CompileError(string path, string board = "mps2-an386")
    {
        var error = Assert.Throws<TinyGenException>(() => Compiler.Compile(path, new CompileOptions { Board = board }));
        Assert.Equal(ExitCodes.UserError, error.ExitCode);
        return error;
    }
}
