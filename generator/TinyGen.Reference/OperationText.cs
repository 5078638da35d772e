using TinyGen.Ir;

namespace TinyGen.Reference;

internal static class OperationText
{
    /// <summary>
    /// "Kind 'name'" for messages. Operation.ToString says the same, but each sealed op record
    /// synthesizes its own ToString (a member dump) over it, so it cannot be relied on.
    /// </summary>
    public static string Describe(this Operation op) => $"{op.Kind} '{op.Name}'";
}
