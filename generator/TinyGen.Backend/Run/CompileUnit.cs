namespace TinyGen.Run;

/// <summary>One C file to compile into <paramref name="ObjectPath"/>; <paramref name="Cacheable"/> for product sources (kernels, harness) that repeat across builds.</summary>
public sealed record CompileUnit(string Source, string ObjectPath, bool Cacheable)
{
    /// <summary>gcc -fstack-usage writes the .su beside the object, with the object's extension replaced.</summary>
    public string StackUsagePath => Path.ChangeExtension(ObjectPath, ".su");
    /// <summary>gcc -fcallgraph-info=su writes the call graph with each function's frame beside the object too.</summary>
    public string CallGraphPath => Path.ChangeExtension(ObjectPath, ".ci");
    public string DependencyPath => Path.ChangeExtension(ObjectPath, ".d");
}
