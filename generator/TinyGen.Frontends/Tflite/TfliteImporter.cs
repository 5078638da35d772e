using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Frontends.Tflite;

/// <summary>
/// Reads a .tflite model (int8 or float, first subgraph) into a raw IR graph with TFLite
/// semantics: NHWC spatial ops, quantization on every quantized tensor, shapes as the file
/// states them. The same passes as for ONNX lower it afterwards. Every failure is a
/// <see cref="TinyGenException"/>.
/// </summary>
public static class TfliteImporter
{
    public static Graph Import(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TinyGenException($"cannot read '{path}': {e.Message}", inner: e);
        }
        return Import(bytes, Path.GetFileNameWithoutExtension(path), path);
    }

    /// <param name="name">The model's name: the graph's name and how errors refer to the model.</param>
    public static Graph Import(byte[] model, string name) => Import(model, name, name);

    /// <summary>Whether the bytes carry TFLite's FlatBuffers file identifier ("TFL3" at bytes 4..8).</summary>
    public static bool HasTfliteIdentifier(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 8 && bytes[4] == 'T' && bytes[5] == 'F' && bytes[6] == 'L' && bytes[7] == '3';

    private static Graph Import(byte[] bytes, string graphName, string file)
    {
        try
        {
            var model = TfliteModel.Read(bytes, file);
            return new TfliteGraphBuilder(model, graphName, file).Build();
        }
        catch (TinyGenException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug of ours, not a user error; still reported through the one user-facing type.
            throw new TinyGenException($"'{file}': internal error while importing: {e.GetType().Name}: {e.Message}", inner: e);
        }
    }
}
