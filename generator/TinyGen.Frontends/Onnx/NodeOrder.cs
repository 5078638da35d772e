using TinyGen.Diagnostics;

namespace TinyGen.Frontends.Onnx;

/// <summary>
/// Puts nodes into a topological order. ONNX requires one, but writers do not always keep it;
/// the sort is stable (a node never moves ahead of an earlier ready node), so ordered graphs stay as they are.
/// </summary>
internal static class NodeOrder
{
    public static IReadOnlyList<OnnxNode> Sort(IReadOnlyList<OnnxNode> nodes)
    {
        var producerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
            foreach (var output in nodes[i].RawOutputs.Where(o => o.Length > 0))
                producerIndex[output] = i;

        var predecessors = new List<int>[nodes.Count];
        var successors = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) successors[i] = [];
        for (var i = 0; i < nodes.Count; i++)
        {
            predecessors[i] = nodes[i].RawInputs
                .Where(input => input.Length > 0 && producerIndex.ContainsKey(input))
                .Select(input => producerIndex[input]).Distinct().ToList();
            foreach (var p in predecessors[i]) successors[p].Add(i);
        }

        var waitingOn = predecessors.Select(p => p.Count).ToArray();
        var ready = new SortedSet<int>(Enumerable.Range(0, nodes.Count).Where(i => waitingOn[i] == 0));
        var order = new List<OnnxNode>(nodes.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(nodes[next]);
            foreach (var s in successors[next])
                if (--waitingOn[s] == 0) ready.Add(s);
        }
        if (order.Count == nodes.Count) return order;

        // Every node left waits on another node left, so walking back through them must come round.
        var seen = new HashSet<int>();
        var current = Enumerable.Range(0, nodes.Count).First(i => waitingOn[i] > 0);
        while (seen.Add(current)) current = predecessors[current].First(p => waitingOn[p] > 0);
        throw new TinyGenException($"the graph has a cycle through {nodes[current].Describe}; ONNX graphs must be acyclic");
    }
}
