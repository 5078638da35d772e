using System.Buffers.Binary;
using System.Diagnostics;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Tflite;
using TinyGen.Frontends.Tflite.Building;
using TinyGen.Tests.Support;
using Xunit.Abstractions;

namespace TinyGen.Tests.Frontends.Tflite;

/// <summary>
/// Untrusted .tflite bytes: truncations, random bit flips and hand-made hostile FlatBuffers
/// (offsets out of bounds, absurd vtables, huge vector lengths, self-references, vectors that
/// repeat one large table). Every one must end in a successful import or a TinyGenException that
/// is not an internal error, quickly: never another exception, a hang or a huge allocation.
/// </summary>
public sealed class TfliteMalformedInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerImportLimit = TimeSpan.FromSeconds(2);

    [Fact]
    public void Every_prefix_of_a_built_model_fails_cleanly()
    {
        var model = TfliteTestModels.ConvReluPool();
        for (var length = 0; length < model.Length; length++)
            Assert.False(ImportsOrFailsCleanly(model[..length], $"prefix of {length} bytes"), $"a prefix of {length} of {model.Length} bytes imported");
    }

    [RequiresModelsFact("mlperf-tiny/kws/kws_ref_model.tflite")]
    public void Prefixes_of_a_real_model_fail_cleanly()
    {
        var model = File.ReadAllBytes(TestPaths.ModelPath("mlperf-tiny", "kws", "kws_ref_model.tflite"));
        // every prefix of the first 4 KiB (the tables), then every 61st (cut inside the weights)
        var lengths = Enumerable.Range(0, 4096).Concat(Enumerable.Range(0, model.Length / 61).Select(k => 4096 + 61 * k)).Where(l => l < model.Length);
        foreach (var length in lengths)
            Assert.False(ImportsOrFailsCleanly(model[..length], $"prefix of {length} bytes"), $"a prefix of {length} of {model.Length} bytes imported");
    }

    [Fact]
    public void Seeded_bit_flips_in_a_built_model_import_or_fail_cleanly()
    {
        var model = TfliteTestModels.ConvReluPool();
        var outcomes = FlipBits(model, flips: 5000, seed: 11);
        output.WriteLine($"{outcomes.Imported} imported, {outcomes.Rejected} rejected");
        Assert.True(outcomes.Rejected > 0);
    }

    [RequiresModelsFact("mlperf-tiny/kws/kws_ref_model.tflite")]
    public void Seeded_bit_flips_in_a_real_model_import_or_fail_cleanly()
    {
        var model = File.ReadAllBytes(TestPaths.ModelPath("mlperf-tiny", "kws", "kws_ref_model.tflite"));
        // flips in the tables (the first 4 KiB and the last 2 KiB hold the structure; the middle is weights)
        var outcomes = FlipBits(model, flips: 600, seed: 5, region: k => k % 2 == 0 ? k % 4096 : model.Length - 1 - k % 2048);
        output.WriteLine($"{outcomes.Imported} imported, {outcomes.Rejected} rejected");
        Assert.True(outcomes.Rejected > 0);
    }

    [Fact]
    public void A_root_offset_past_the_end_is_named()
    {
        var bytes = Hostile.Header(rootOffset: 0x7FFF_FFF0).ToArray();
        AssertRejected(bytes, "Model", "outside the file");
    }

    [Fact]
    public void A_vtable_of_absurd_size_is_rejected()
    {
        // root table at 12 whose vtable (at 8) claims 65534 bytes
        var bytes = Hostile.Header(rootOffset: 12).Concat(U16(0xFFFE)).Concat(U16(8)).Concat(I32(4)).Concat(new byte[8]).ToArray();
        AssertRejected(bytes, "vtable of 65534 bytes", "outside the file");
    }

    [Fact]
    public void A_vtable_outside_the_file_is_rejected()
    {
        var bytes = Hostile.Header(rootOffset: 8).Concat(I32(-1_000_000)).Concat(new byte[8]).ToArray();
        AssertRejected(bytes, "Model: vtable", "outside the file");
    }

    [Fact]
    public void A_field_beyond_its_table_is_rejected()
    {
        // vtable says the table is 4 bytes but puts field 0 (version) at offset 8
        var bytes = Hostile.Header(rootOffset: 16).Concat(U16(6)).Concat(U16(4)).Concat(U16(8)).Concat(U16(0)).Concat(I32(8)).Concat(new byte[8]).ToArray();
        AssertRejected(bytes, "Model.version", "outside its table");
    }

    [Fact]
    public void A_huge_vector_length_is_rejected_before_anything_is_allocated()
    {
        var bytes = Hostile.Model(subgraphsVector: I32(int.MaxValue));
        AssertRejected(bytes, "Model.subgraphs", "does not fit");
    }

    [Fact]
    public void An_offset_to_itself_is_rejected()
    {
        var bytes = Hostile.Model(subgraphsVector: null, selfReference: true);
        AssertRejected(bytes, "Model.subgraphs", "points at itself");
    }

    [Fact]
    public void A_vector_that_repeats_one_large_table_exhausts_the_read_budget()
    {
        // one tensor table with a 4000-element shape, and a tensors vector naming it 20000 times:
        // ~100 KB of file that would make the reader copy 320 MB of shapes
        var bytes = Hostile.RepeatedTensor(repeats: 20000, shapeLength: 4000);
        AssertRejected(bytes, "far more data than it holds");
    }

    [Fact]
    public void Schema_version_other_than_3_is_rejected()
    {
        var model = TfliteTestModels.ConvReluPool();
        // version is the model table's first scalar; find it through the reader's own layout rule
        var modelTable = BinaryPrimitives.ReadInt32LittleEndian(model);
        var vtable = modelTable - BinaryPrimitives.ReadInt32LittleEndian(model.AsSpan(modelTable));
        var versionAt = modelTable + BinaryPrimitives.ReadUInt16LittleEndian(model.AsSpan(vtable + 4));
        model[versionAt] = 2;
        AssertRejected(model, "schema version 2");
    }

    private (int Imported, int Rejected) FlipBits(byte[] model, int flips, int seed, Func<int, int>? region = null)
    {
        var random = new Random(seed);
        var (imported, rejected) = (0, 0);
        var watch = Stopwatch.StartNew();
        for (var k = 0; k < flips; k++)
        {
            var corrupted = model.ToArray();
            var position = region is null ? random.Next(corrupted.Length) : region(random.Next(int.MaxValue));
            corrupted[position] ^= (byte)(1 << random.Next(8));
            if (ImportsOrFailsCleanly(corrupted, $"flip {k} at byte {position}")) imported++;
            else rejected++;
        }
        output.WriteLine($"{flips} flips in {watch.Elapsed.TotalSeconds:F1} s");
        return (imported, rejected);
    }

    /// <summary>True when the bytes import; false when they fail with a proper TinyGenException; fails the test otherwise.</summary>
    private static bool ImportsOrFailsCleanly(byte[] bytes, string what)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            TfliteImporter.Import(bytes, "fuzzed");
            return true;
        }
        catch (TinyGenException e)
        {
            Assert.DoesNotContain("internal error", e.Message);
            return false;
        }
        finally
        {
            Assert.True(watch.Elapsed < PerImportLimit, $"{what}: took {watch.Elapsed.TotalSeconds:F1} s");
        }
    }

    private static void AssertRejected(byte[] bytes, params string[] fragments)
    {
        var error = Assert.Throws<TinyGenException>(() => TfliteImporter.Import(bytes, "hostile"));
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message);
        Assert.Contains("not a valid TFLite model", error.Message);
    }

    private static byte[] U16(int value) => [(byte)value, (byte)(value >> 8)];

    private static byte[] I32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>Hand-laid FlatBuffers that no writer would produce.</summary>
    private static class Hostile
    {
        public static IEnumerable<byte> Header(int rootOffset) => I32(rootOffset).Concat("TFL3"u8.ToArray());

        /// <summary>
        /// A Model table with version 3 and a subgraphs field; the field points at
        /// <paramref name="subgraphsVector"/> (placed after the table) or, with
        /// <paramref name="selfReference"/>, holds 0 (points at itself).
        /// </summary>
        public static byte[] Model(byte[]? subgraphsVector, bool selfReference = false)
        {
            // 8: vtable [size 10, table 12, version@4, operator_codes absent, subgraphs@8], pad to 20; 20: table
            var bytes = new List<byte>();
            bytes.AddRange(Header(rootOffset: 20));
            bytes.AddRange(U16(10));
            bytes.AddRange(U16(12));
            bytes.AddRange(U16(4));
            bytes.AddRange(U16(0));
            bytes.AddRange(U16(8));
            bytes.AddRange(new byte[2]);
            bytes.AddRange(I32(20 - 8)); // soffset: the vtable is 12 bytes before the table
            bytes.AddRange(I32(3));      // version
            bytes.AddRange(I32(selfReference ? 0 : 4)); // subgraphs: the vector right after this field
            if (subgraphsVector is not null) bytes.AddRange(subgraphsVector);
            bytes.AddRange(new byte[16]);
            return [.. bytes];
        }

        /// <summary>A model whose one subgraph's tensors vector holds <paramref name="repeats"/> offsets to one tensor table.</summary>
        public static byte[] RepeatedTensor(int repeats, int shapeLength)
        {
            var bytes = new List<byte>();
            void At(int position, int value) => BinaryPrimitives.WriteInt32LittleEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes).Slice(position, 4), value);

            bytes.AddRange(Header(rootOffset: 0));
            // shared vtable for both tables: [size 8, table 12, field0@4, field1..]
            // model: version (field 0) and subgraphs (field 2) → vtable [10, 12, 4, 0, 8]
            var modelVtable = bytes.Count;
            bytes.AddRange(U16(10)); bytes.AddRange(U16(12)); bytes.AddRange(U16(4)); bytes.AddRange(U16(0)); bytes.AddRange(U16(8)); bytes.AddRange(new byte[2]);
            var model = bytes.Count;
            At(0, model);
            bytes.AddRange(I32(model - modelVtable)); bytes.AddRange(I32(3)); bytes.AddRange(I32(0));
            var subgraphsField = model + 8;
            var subgraphsVector = bytes.Count;
            At(subgraphsField, subgraphsVector - subgraphsField);
            bytes.AddRange(I32(1)); bytes.AddRange(I32(0));
            // subgraph: tensors (field 0) → vtable [6, 8, 4]
            var subgraphVtable = bytes.Count;
            bytes.AddRange(U16(6)); bytes.AddRange(U16(8)); bytes.AddRange(U16(4)); bytes.AddRange(new byte[2]);
            var subgraph = bytes.Count;
            At(subgraphsVector + 4, subgraph - (subgraphsVector + 4));
            bytes.AddRange(I32(subgraph - subgraphVtable)); bytes.AddRange(I32(0));
            var tensorsVector = bytes.Count;
            At(subgraph + 4, tensorsVector - (subgraph + 4));
            bytes.AddRange(I32(repeats));
            bytes.AddRange(new byte[4 * repeats]);
            // tensor: shape (field 0) → vtable [6, 8, 4]
            var tensorVtable = bytes.Count;
            bytes.AddRange(U16(6)); bytes.AddRange(U16(8)); bytes.AddRange(U16(4)); bytes.AddRange(new byte[2]);
            var tensor = bytes.Count;
            bytes.AddRange(I32(tensor - tensorVtable)); bytes.AddRange(I32(4));
            bytes.AddRange(I32(shapeLength));
            for (var i = 0; i < shapeLength; i++) bytes.AddRange(I32(1));
            for (var i = 0; i < repeats; i++)
            {
                var slot = tensorsVector + 4 + 4 * i;
                At(slot, tensor - slot);
            }
            return [.. bytes];
        }
    }
}
