using TinyGen.Tests.Support;
using Google.Protobuf;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;

namespace TinyGen.Tests.Frontends.Onnx;

/// <summary>
/// OnnxTensorReader against ONNX node-test data. Expected values were decoded independently
/// (protoc --decode=tinygen.onnx.TensorProto, then Python's struct module on the raw bytes).
/// </summary>
public sealed class OnnxTensorReaderTests
{
    private static (ElementType Type, int[] Shape, TensorData Data) ReadNodeTestFile(string test, string file)
    {
        var (type, shape, data) = OnnxTensorReader.Read(File.ReadAllBytes(TestPaths.ModelPath(Path.Combine("onnx-node-tests", test, "test_data_set_0", file))));
        return (type, shape.ToArray(), data);
    }

    [RequiresModelsFact]
    public void QuantizeLinearInputsAndOutput()
    {
        var x = ReadNodeTestFile("test_quantizelinear", "input_0.pb");
        Assert.Equal(ElementType.Float32, x.Type);
        Assert.Equal([6], x.Shape);
        Assert.Equal([0f, 2f, 3f, 1000f, -254f, -1000f], x.Data.ToFloats());

        var scale = ReadNodeTestFile("test_quantizelinear", "input_1.pb");
        Assert.Empty(scale.Shape); // a scalar
        Assert.Equal([2f], scale.Data.ToFloats());

        var zp = ReadNodeTestFile("test_quantizelinear", "input_2.pb");
        Assert.Equal(ElementType.UInt8, zp.Type);
        Assert.Equal([(byte)128], zp.Data.ToUInt8());

        var y = ReadNodeTestFile("test_quantizelinear", "output_0.pb");
        Assert.Equal(ElementType.UInt8, y.Type);
        Assert.Equal([128, 129, 130, 255, 1, 0], y.Data.ToUInt8());
    }

    [RequiresModelsFact]
    public void DequantizeLinearPerAxisMatchesTheExpectedOutput()
    {
        var x = ReadNodeTestFile("test_dequantizelinear_axis", "input_0.pb");
        var scale = ReadNodeTestFile("test_dequantizelinear_axis", "input_1.pb");
        var zp = ReadNodeTestFile("test_dequantizelinear_axis", "input_2.pb");
        var y = ReadNodeTestFile("test_dequantizelinear_axis", "output_0.pb");
        Assert.Equal([1, 3, 3, 2], x.Shape);
        Assert.Equal([3, 89, 34, 200, 74, 59], x.Data.ToUInt8()[..6]);
        Assert.Equal([2f, 4f, 5f], scale.Data.ToFloats());
        Assert.Equal([84, 24, 196], zp.Data.ToUInt8());
        Assert.Equal([-162f, 10f, -100f, 232f, -20f, -50f], y.Data.ToFloats()[..6]);

        // Dequantize by hand along axis 1 and compare with every expected element.
        var q = x.Data.ToUInt8();
        var expected = y.Data.ToFloats();
        for (var i = 0; i < q.Length; i++)
        {
            var channel = i / 6;
            Assert.Equal(expected[i], (q[i] - zp.Data.ToUInt8()[channel]) * scale.Data.ToFloats()[channel]);
        }
    }

    [RequiresModelsFact]
    public void Float16ScalesAreWidenedToFloat32()
    {
        var a = ReadNodeTestFile("test_qlinearmatmul_2D_int8_float16", "input_0.pb");
        Assert.Equal(ElementType.Int8, a.Type);
        Assert.Equal([2, 4], a.Shape);
        Assert.Equal([81, 109, -127, 111, -124, 87, -128, -98], a.Data.ToInt8());

        var scale = ReadNodeTestFile("test_qlinearmatmul_2D_int8_float16", "input_1.pb");
        Assert.Equal(ElementType.Float32, scale.Type);
        Assert.Equal([1], scale.Shape);
        Assert.Equal([0.00659942626953125f], scale.Data.ToFloats());
    }

    [RequiresModelsFact]
    public void Int16Tensors()
    {
        var x = ReadNodeTestFile("test_dequantizelinear_int16", "input_0.pb");
        Assert.Equal(ElementType.Int16, x.Type);
        Assert.Equal(new double[] { -300, -30, -1025, 1270 }, x.Data.ToDoubles());
        var y = ReadNodeTestFile("test_dequantizelinear_int16", "output_0.pb");
        Assert.Equal([1448f, 1988f, -2f, 4588f], y.Data.ToFloats());
    }

    [RequiresModelsFact]
    public void Int4IsRejectedByName()
    {
        var e = Assert.Throws<TinyGenException>(() => ReadNodeTestFile("test_dequantizelinear_int4", "input_0.pb"));
        Assert.Contains("int4", e.Message);
    }

    [Fact]
    public void TypedFieldsAreReadPerTheSpec()
    {
        var int8 = new TensorProto { Name = "a", DataType = (int)TensorProto.Types.DataType.Int8 };
        int8.Dims.Add(3);
        int8.Int32Data.AddRange([-128, 0, 127]);
        var (type, _, data) = OnnxTensorReader.Read(int8.ToByteArray());
        Assert.Equal(ElementType.Int8, type);
        Assert.Equal(new sbyte[] { -128, 0, 127 }, data.ToInt8());

        var int64 = new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64 };
        int64.Dims.Add(2);
        int64.Int64Data.AddRange([long.MinValue, 5]);
        Assert.Equal(new[] { long.MinValue, 5 }, OnnxTensorReader.Read(int64.ToByteArray()).Data.ToInt64s());

        var dbl = new TensorProto { DataType = (int)TensorProto.Types.DataType.Double };
        dbl.DoubleData.Add(0.25);
        var d = OnnxTensorReader.Read(dbl.ToByteArray());
        Assert.Equal(ElementType.Float32, d.Type);
        Assert.Equal([0.25f], d.Data.ToFloats());

        var f16 = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float16 };
        f16.Int32Data.Add(0x3C00); // 1.0 in IEEE half precision
        Assert.Equal([1f], OnnxTensorReader.Read(f16.ToByteArray()).Data.ToFloats());

        var boolean = new TensorProto { DataType = (int)TensorProto.Types.DataType.Bool };
        boolean.Dims.Add(2);
        boolean.Int32Data.AddRange([1, 0]);
        Assert.Equal(new double[] { 1, 0 }, OnnxTensorReader.Read(boolean.ToByteArray()).Data.ToDoubles());

        var uint16 = new TensorProto { DataType = (int)TensorProto.Types.DataType.Uint16 };
        uint16.Int32Data.Add(65535);
        Assert.Equal(new double[] { 65535 }, OnnxTensorReader.Read(uint16.ToByteArray()).Data.ToDoubles());
    }

    [Theory]
    [InlineData(new long[] { -1 }, "negative dimension")]
    [InlineData(new long[] { 1L << 20, 1L << 20 }, "more than")]
    [InlineData(new long[] { long.MaxValue, long.MaxValue, 0 }, "limit")]
    public void BadDimsAreRejected(long[] dims, string expected)
    {
        var t = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        var e = Assert.Throws<TinyGenException>(() => OnnxTensorReader.Read(t.ToByteArray()));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void DataSizeMustMatchTheDims()
    {
        var raw = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(new byte[7]) };
        raw.Dims.Add(2);
        Assert.Contains("raw_data holds 7 bytes", Assert.Throws<TinyGenException>(() => OnnxTensorReader.Read(raw.ToByteArray())).Message);

        var typed = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        typed.Dims.Add(3);
        typed.FloatData.AddRange([1f, 2f]);
        Assert.Contains("float_data holds 2 values", Assert.Throws<TinyGenException>(() => OnnxTensorReader.Read(typed.ToByteArray())).Message);

        var outOfRange = new TensorProto { DataType = (int)TensorProto.Types.DataType.Uint8 };
        outOfRange.Int32Data.Add(256);
        Assert.Throws<TinyGenException>(() => OnnxTensorReader.Read(outOfRange.ToByteArray()));

        var external = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        external.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        Assert.Contains("external", Assert.Throws<TinyGenException>(() => OnnxTensorReader.Read(external.ToByteArray())).Message);

        Assert.Throws<TinyGenException>(() => OnnxTensorReader.Read(new byte[] { 0x0A, 0xFF, 0xFF }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dims_that_claim_far_more_data_than_the_file_holds_allocate_nothing_by_them(bool rawData)
    {
        // Found by the fuzzer (MutationFuzzTests): a bias of 128 int32 had its dim set to 2^28, and 1 GiB was
        // allocated for it before the 512 bytes of raw_data were found too short.
        var t = new TensorProto { Name = "bias", DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(1 << 28);
        if (rawData) t.RawData = ByteString.CopyFrom(new byte[16]);
        else t.Int64Data.AddRange([1, 2]);
        var bytes = t.ToByteArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<TinyGenException>(() => OnnxTensorReader.Read(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("268435456", e.Message);
        Assert.True(allocated < 1024 * 1024, $"rejecting a {bytes.Length}-byte tensor allocated {allocated:N0} bytes");
    }
}
