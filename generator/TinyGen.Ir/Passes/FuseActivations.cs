using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// Relu, Relu6 and Clip become the clamp of the op that produces their input, when they are its
/// only reader and the clamp means the same there: both float (before QDQ folding), or both
/// quantized with one quantization (a clamp after requantization is then exactly the same clamp).
/// </summary>
public sealed class FuseActivations : IGraphPass
{
    public string Name => "fuse-activations";

    public Graph Run(Graph graph)
    {
        foreach (var act in graph.Operations.OfType<Activation>().ToList())
        {
            var producer = graph.Producer(act.Input);
            if (producer is null || graph.SoleConsumer(act.Input) != act) continue;
            var (input, output) = (graph[act.Input], graph[act.Output]);
            var sameDomain = input.Type == output.Type && Equals(input.Quantization, output.Quantization);
            if (!sameDomain) continue;
            Operation? fused = producer switch
            {
                Conv2D c => c with { Activation = c.Activation.Then(act.Clamp), Output = act.Output },
                FullyConnected f => f with { Activation = f.Activation.Then(act.Clamp), Output = act.Output },
                Binary b => b with { Activation = b.Activation.Then(act.Clamp), Output = act.Output },
                Pool2D p => p with { Activation = p.Activation.Then(act.Clamp), Output = act.Output },
                _ => null,
            };
            if (fused is null) continue;
            graph = graph.Remove(act).Replace(producer, fused);
        }
        return graph.WithoutUnusedTensors();
    }
}
