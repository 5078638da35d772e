using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Puts elementwise ops in the form the kernels take: A has the output's shape and B is the same
/// shape, a scalar, or a block that repeats along the innermost axes (a per-channel vector in
/// NHWC). Add and Mul commute, so a broadcast A is swapped into B; Sub does not, so its A must
/// already have the output's shape.
/// </summary>
public sealed class CanonicalizeBinary : IGraphPass
{
    public string Name => "canonicalize-binary";

    public Graph Run(Graph graph)
    {
        foreach (var b in graph.Operations.OfType<Binary>().ToList())
        {
            var output = graph[b.Output].Shape;
            var current = b;
            if (!graph[b.A].Shape.SequenceEqual(output))
            {
                if (b.Op == BinaryKind.Sub)
                    throw new TinyGenException($"{b}: the first input '{b.A}' {graph[b.A].ShapeText} is broadcast; Sub broadcasts only its second input");
                if (!graph[b.B].Shape.SequenceEqual(output))
                    throw new TinyGenException($"{b}: neither input has the output shape [{string.Join(",", output)}]; two-sided broadcasting is not supported");
                current = b with { A = b.B, B = b.A };
            }
            if (!RepeatsInnermost(graph[current.B].Shape.ToArray(), output.ToArray()))
            {
                // e.g. a per-channel constant in a graph that stayed NCHW: spell the broadcast out in flash
                if (!graph[current.B].IsConstant)
                    throw new TinyGenException($"{b}: input '{current.B}' {graph[current.B].ShapeText} broadcasts along an outer axis; TinyGen broadcasts only constants that way (or same-shape, scalar and innermost operands)");
                var expanded = graph.UniqueTensorName(current.B + "_expanded");
                graph = graph.WithTensor(graph[current.B] with { Name = expanded, Shape = output, Data = ConstantMath.Broadcast(graph[current.B].Data!, graph[current.B].Shape, output) });
                current = current with { B = expanded };
            }
            if (current != b) graph = graph.Replace(b, current);
        }
        return graph;
    }

    /// <summary>B (right-aligned) is ones followed by exactly the output's trailing dimensions.</summary>
    private static bool RepeatsInnermost(int[] b, int[] output)
    {
        var aligned = Enumerable.Repeat(1, output.Length - b.Length).Concat(b).ToArray();
        var i = 0;
        while (i < aligned.Length && aligned[i] == 1) i++;
        for (var k = i; k < aligned.Length; k++)
            if (aligned[k] != output[k]) return false;
        return true;
    }
}
