using System.Buffers.Binary;
using TinyGen.Fuzzing;
using TinyGen.Tests.Support;

namespace TinyGen.Tests.Hardening;

/// <summary>The fuzzer's map of a TFLite file: it must find the structure it claims to, or its corruptions hit nothing in particular.</summary>
public sealed class FlatBufferLayoutTests
{
    [RequiresModelsFact("mlperf-tiny/kws/kws_ref_model.tflite")]
    public void The_layout_of_a_real_model_points_at_tables_and_vectors_inside_the_file()
    {
        var bytes = File.ReadAllBytes(TestPaths.ModelPath("mlperf-tiny", "kws", "kws_ref_model.tflite"));
        var layout = FlatBufferLayout.Of(bytes);

        Assert.NotNull(layout);
        // Model, its subgraph, ~ one table per tensor, operator, operator code and buffer: dozens of tables.
        Assert.True(layout.Tables.Count > 50, $"{layout.Tables.Count} tables");
        Assert.NotEmpty(layout.IndexElements);
        foreach (var offset in layout.Offsets)
        {
            var target = offset + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            Assert.InRange(target, 4, bytes.Length - 1);
        }
        foreach (var (table, vtable) in layout.Tables)
        {
            Assert.InRange(vtable, 0, bytes.Length - 4);
            Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable)) % 2); // vtable sizes are even
            Assert.InRange(table, 0, bytes.Length - 4);
        }
    }

    [Fact]
    public void Bytes_that_are_no_flatbuffer_have_no_layout()
    {
        Assert.Null(FlatBufferLayout.Of([0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0]));
        Assert.Null(FlatBufferLayout.Of([]));
    }
}
