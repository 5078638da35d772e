namespace TinyGen.Tests.Backend;

/// <summary>A [Fact] skipped, saying what to install, when arm-none-eabi-gcc or make is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresArmToolchainFactAttribute : FactAttribute
{
    public RequiresArmToolchainFactAttribute()
    {
        var missing = new[] { "arm-none-eabi-gcc", "make" }.Where(p => HostCompiler.Find(p) is null).ToList();
        if (missing.Count > 0)
            Skip = $"{string.Join(" and ", missing)} not found on PATH (apt-get install gcc-arm-none-eabi make)";
    }
}

/// <summary>The [Theory] form of <see cref="RequiresArmToolchainFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresArmToolchainTheoryAttribute : TheoryAttribute
{
    public RequiresArmToolchainTheoryAttribute()
    {
        var missing = new[] { "arm-none-eabi-gcc", "make" }.Where(p => HostCompiler.Find(p) is null).ToList();
        if (missing.Count > 0)
            Skip = $"{string.Join(" and ", missing)} not found on PATH (apt-get install gcc-arm-none-eabi make)";
    }
}
