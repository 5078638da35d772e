using Google.Protobuf;
using TinyGen.Diagnostics;
using TinyGen.Frontends.Onnx.Proto;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx;

/// <summary>
/// Reads an ONNX model (QDQ or QOperator form) into a raw IR graph with ONNX semantics: Nchw
/// spatial ops, quantization on the tensors the model quantizes, intermediate shapes unknown.
/// The passes fold, infer shapes and lower afterwards. Every failure is a <see cref="TinyGenException"/>.
/// </summary>
public static class OnnxImporter
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
    public static Graph Import(ReadOnlySpan<byte> model, string name) => Import(model, name, name);

    private static Graph Import(ReadOnlySpan<byte> bytes, string graphName, string file)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw NotAModel(file, e.Message, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw NotAModel(file, $"{e.GetType().Name}: {e.Message}", e);
        }
        if (model.Graph is null) throw NotAModel(file, "it has no graph", null);

        try
        {
            return new GraphImporter(model, graphName).Run();
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

    private static TinyGenException NotAModel(string file, string reason, Exception? inner) =>
        new($"'{file}' is not a valid ONNX model: {reason}", inner: inner);
}
