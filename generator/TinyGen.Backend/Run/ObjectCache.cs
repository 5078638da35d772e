using System.Security.Cryptography;
using System.Text;

namespace TinyGen.Run;

/// <summary>
/// Compiled objects (with their .su stack-usage file) of sources that do not change between models —
/// kernels and harness — so a test suite that builds hundreds of models compiles each kernel once per
/// board. An entry is found by a hash of compiler, flags, source path and source text, and is used only
/// if every header the compiler read for it (its -MMD dependency list) still has the same content.
/// Entries are written to a temporary folder and renamed into place, so parallel builds (several test
/// processes) never see half an entry; any I/O trouble just means a recompile.
/// </summary>
public sealed class ObjectCache(string root)
{
    private const string ObjectFile = "object.o";
    private const string StackUsageFile = "object.su";
    private const string CallGraphFile = "object.ci";
    private const string DependencyFile = "dependencies.txt";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>$TINYGEN_CACHE, else $XDG_CACHE_HOME/tinygen, else ~/.cache/tinygen; objects go in its objects/ folder.</summary>
    public static ObjectCache Default()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("TINYGEN_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return new ObjectCache(Path.Combine(explicitRoot, "objects"));
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var baseFolder = !string.IsNullOrEmpty(xdg) ? xdg
            : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache")
            : Path.GetTempPath();
        return new ObjectCache(Path.Combine(baseFolder, "tinygen", "objects"));
    }

    public static string Key(string compilerIdentity, IEnumerable<string> flags, string source)
    {
        var text = new StringBuilder()
            .Append(compilerIdentity).Append('\0')
            .AppendJoin('\u0001', flags).Append('\0')
            .Append(source).Append('\0');
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        hash.AppendData(File.ReadAllBytes(source));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Copies a valid entry to the unit's object, .su and .ci paths; false when there is none or a header changed.</summary>
    public bool TryRestore(string key, CompileUnit unit)
    {
        var entry = Path.Combine(Root, key);
        try
        {
            if (!File.Exists(Path.Combine(entry, DependencyFile))) return false;
            foreach (var line in File.ReadAllLines(Path.Combine(entry, DependencyFile)))
            {
                var split = line.IndexOf(' ');
                var path = line[(split + 1)..];
                if (!File.Exists(path) || ContentHash(path) != line[..split]) return false;
            }
            if (!File.Exists(Path.Combine(entry, CallGraphFile))) return false; // an entry from before call graphs were kept
            File.Copy(Path.Combine(entry, ObjectFile), unit.ObjectPath, overwrite: true);
            File.Copy(Path.Combine(entry, StackUsageFile), unit.StackUsagePath, overwrite: true);
            File.Copy(Path.Combine(entry, CallGraphFile), unit.CallGraphPath, overwrite: true);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>Stores a fresh compile; <paramref name="dependencies"/> are the headers the compiler read.</summary>
    public void Store(string key, CompileUnit unit, IEnumerable<string> dependencies)
    {
        var entry = Path.Combine(Root, key);
        var staging = Path.Combine(Root, $".{key}.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            File.Copy(unit.ObjectPath, Path.Combine(staging, ObjectFile));
            File.Copy(unit.StackUsagePath, Path.Combine(staging, StackUsageFile));
            File.Copy(unit.CallGraphPath, Path.Combine(staging, CallGraphFile));
            File.WriteAllLines(Path.Combine(staging, DependencyFile), dependencies.Select(d => $"{ContentHash(d)} {Path.GetFullPath(d)}"));
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); // stale: a header changed
            Directory.Move(staging, entry);
        }
        catch (IOException) { /* another process stored the same entry first; ours is redundant */ }
        catch (UnauthorizedAccessException) { }
        finally
        {
            try { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); }
            catch (IOException) { }
        }
    }

    private static string ContentHash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
