using TinyGen.Tests.Support;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx;
using static TinyGen.Tests.Frontends.Onnx.TestOnnxModel;

namespace TinyGen.Tests.Frontends.Onnx;

/// <summary>
/// Whatever the bytes, Import either succeeds or throws TinyGenException — never another exception,
/// and never the "internal error" wrapper that would mean a bug of ours escaped as a crash.
/// </summary>
public sealed class OnnxMalformedInputTests
{
    private static byte[] SmallQdqModel()
    {
        var m = new TestOnnxModel().Input("x", Float, "N", 2L, 4L, 4L)
            .Int8s("wq", [3, 2, 1, 1], 1, 2, 3, 4, 5, 6).Floats("ws", [3], 0.5f, 0.25f, 0.125f).Int8s("wz", [3], 0, 0, 0)
            .Int64s("shape", [2], 1, -1).ScaleZp("xq", 0.1f, -3).Output("y");
        m.Node("QuantizeLinear", ["x", "xq_scale", "xq_zp"], ["xi"], "q");
        m.Node("DequantizeLinear", ["xi", "xq_scale", "xq_zp"], ["xf"], "dq");
        m.Node("DequantizeLinear", ["wq", "ws", "wz"], ["wf"], "dqw", "", Int("axis", 0));
        m.Node("Conv", ["xf", "wf"], ["c"], "conv", "", Ints("pads", 0, 0, 0, 0));
        m.Node("Reshape", ["c", "shape"], ["y"], "flat");
        return m.Bytes();
    }

    private static void ImportMustFailCleanlyOrSucceed(byte[] bytes, string what)
    {
        try
        {
            OnnxImporter.Import(bytes, "fuzz");
        }
        catch (TinyGenException e)
        {
            Assert.False(e.Message.Contains("internal error"), $"{what}: {e.Message}\n{e.InnerException}");
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name} escaped: {e}");
        }
    }

    [Fact]
    public void TheUnharmedModelImports()
    {
        var g = OnnxImporter.Import(SmallQdqModel(), "small");
        Assert.Equal(5, g.Operations.Length);
    }

    [Fact]
    public void EmptyFileIsNotAModel()
    {
        var e = Assert.Throws<TinyGenException>(() => OnnxImporter.Import([], "empty.onnx"));
        Assert.Equal("'empty.onnx' is not a valid ONNX model: it has no graph", e.Message);
    }

    [Fact]
    public void NonProtobufIsNotAModel()
    {
        var e = Assert.Throws<TinyGenException>(() => OnnxImporter.Import("this is not a protobuf at all\n"u8, "text.onnx"));
        Assert.StartsWith("'text.onnx' is not a valid ONNX model: ", e.Message);
    }

    [Fact]
    public void MissingFileIsATinyGenException()
    {
        var e = Assert.Throws<TinyGenException>(() => OnnxImporter.Import(Path.Combine(Path.GetTempPath(), "tinygen-no-such-model.onnx")));
        Assert.Contains("tinygen-no-such-model.onnx", e.Message);
    }

    [Fact]
    public void EveryTruncationOfASmallModel()
    {
        var bytes = SmallQdqModel();
        for (var length = 0; length < bytes.Length; length++)
            ImportMustFailCleanlyOrSucceed(bytes[..length], $"prefix of {length} bytes");
        // A cut through the middle of a field cannot parse.
        var cut = Assert.Throws<TinyGenException>(() => OnnxImporter.Import(bytes[..(bytes.Length - 1)], "cut.onnx"));
        Assert.Contains("cut.onnx", cut.Message);
    }

    [Fact]
    public void RandomBitFlipsOfASmallModel()
    {
        var original = SmallQdqModel();
        var random = new Random(20240611);
        for (var i = 0; i < 4000; i++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(3);
            for (var f = 0; f < flips; f++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            ImportMustFailCleanlyOrSucceed(bytes, $"bit-flip case {i}");
        }
    }

    [Fact]
    public void RandomGarbage()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            ImportMustFailCleanlyOrSucceed(bytes, $"garbage case {i}");
        }
    }

    [RequiresModelsFact]
    public void TruncationsAndBitFlipsOfARealModel()
    {
        var original = File.ReadAllBytes(TestPaths.ModelPath("micro-kws/micro_kws_m_static_qoperator.onnx"));
        for (var length = 0; length < original.Length; length += 397)
            ImportMustFailCleanlyOrSucceed(original[..length], $"prefix of {length} bytes");

        var random = new Random(99);
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])original.Clone();
            // Flip inside the graph structure (the first few KB hold nodes and names), not only in weight bytes.
            var region = random.Next(2) == 0 ? Math.Min(8192, bytes.Length) : bytes.Length;
            for (var f = 0; f < 4; f++) bytes[random.Next(region)] ^= (byte)(1 << random.Next(8));
            ImportMustFailCleanlyOrSucceed(bytes, $"bit-flip case {i}");
        }
    }

    [RequiresModelsFact]
    public void EveryOnnxNodeTestModelImportsOrFailsCleanly()
    {
        var imported = 0;
        var folders = Directory.GetDirectories(TestPaths.ModelPath("onnx-node-tests"));
        foreach (var folder in folders)
        {
            var model = Path.Combine(folder, "model.onnx");
            try
            {
                OnnxImporter.Import(model);
                imported++;
            }
            catch (TinyGenException e)
            {
                Assert.False(e.Message.Contains("internal error"), $"{model}: {e.Message}\n{e.InnerException}");
            }
        }
        // Supported float ops with constant-free signatures (relu, conv, pools, reshape with shape inputs...) import.
        Assert.True(imported > folders.Length / 5, $"only {imported} of {folders.Length} node-test models imported");
    }

    [Fact]
    public void HostileTensorsInAModel()
    {
        var huge = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("y");
        huge.Initializer(Raw("b", Float, [1L << 40, 1L << 40], []));
        huge.Node("Add", ["x", "b"], ["y"], "add");
        Assert.Contains("initializer 'b'", huge.ImportError());

        var negative = new TestOnnxModel().Input("x", Float, 1L, -2L).Output("y");
        negative.Node("Relu", ["x"], ["y"], "r");
        Assert.Contains("negative", negative.ImportError());

        var shortRaw = new TestOnnxModel().Input("x", Float, 1L, 2L).Initializer(Raw("b", Float, [2], new byte[5])).Output("y");
        shortRaw.Node("Add", ["x", "b"], ["y"], "add");
        Assert.Contains("raw_data holds 5 bytes", shortRaw.ImportError());

        var external = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("y");
        var t = Raw("b", Float, [2], []);
        t.DataLocation = TinyGen.Frontends.Onnx.Proto.TensorProto.Types.DataLocation.External;
        external.Initializer(t);
        external.Node("Add", ["x", "b"], ["y"], "add");
        Assert.Contains("external", external.ImportError());

        var noGraph = new TinyGen.Frontends.Onnx.Proto.ModelProto { IrVersion = 8 };
        Assert.Contains("is not a valid ONNX model: it has no graph", Assert.Throws<TinyGenException>(() => OnnxImporter.Import(Google.Protobuf.MessageExtensions.ToByteArray(noGraph), "m")).Message);
    }
}
