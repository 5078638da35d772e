using System.Collections.Immutable;
using System.Text;
using TinyGen.Diagnostics;
using TinyGen.Lowering;
using TinyGen.Planning;

namespace TinyGen.Emit;

/// <summary>
/// Everything the emitter produced for one model: the files (in a fixed order, byte-identical for the
/// same graph and options), the arena plan and kernel calls they were made from, and the flash the
/// constant tables (weights, biases, multipliers, shifts) take.
/// </summary>
public sealed record EmittedProject(
    string ModelName,
    string SymbolPrefix,
    ImmutableArray<EmittedFile> Files,
    ArenaPlan Plan,
    ImmutableArray<KernelCall> Calls,
    long WeightFlashBytes)
{
    /// <summary>Marks a folder as TinyGen output, so <see cref="WriteTo"/> may replace it.</summary>
    public const string MarkerFileName = ".tinygen";

    public EmittedFile this[string relativePath] =>
        Files.FirstOrDefault(f => f.RelativePath == relativePath) ?? throw new KeyNotFoundException($"no emitted file '{relativePath}'");

    /// <summary>
    /// Writes the project into <paramref name="directory"/> all at once: into a fresh sibling folder
    /// first, then moved into place, so a failure never leaves a half-written project. An existing
    /// folder is replaced only when it is empty, was written by TinyGen, or <paramref name="force"/> is set.
    /// </summary>
    public void WriteTo(string directory, bool force = false)
    {
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (File.Exists(target))
            throw new TinyGenException($"output path '{target}' is a file, not a folder");
        var exists = Directory.Exists(target);
        if (exists && !force && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, MarkerFileName)))
            throw new TinyGenException($"output folder '{target}' exists and was not written by TinyGen; choose another folder or force the overwrite");

        var parent = Path.GetDirectoryName(target) ?? throw new TinyGenException($"output folder '{target}' has no parent folder");
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.tinygen-new-{Guid.NewGuid():N}");
        var previous = Path.Combine(parent, $".{name}.tinygen-old-{Guid.NewGuid():N}");
        try
        {
            foreach (var file in Files)
            {
                var path = Path.Combine(staging, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
                if (!Path.GetFullPath(path).StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new TinyGenException($"internal: emitted path '{file.RelativePath}' leaves the project folder");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
            if (exists) Directory.Move(target, previous);
            try
            {
                Directory.Move(staging, target);
            }
            catch
            {
                if (exists) Directory.Move(previous, target);
                throw;
            }
            if (exists) Directory.Delete(previous, recursive: true);
        }
        catch (IOException e)
        {
            throw new TinyGenException($"cannot write the project to '{target}': {e.Message}", ExitCodes.UserError, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TinyGenException($"cannot write the project to '{target}': {e.Message}", ExitCodes.UserError, e);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
