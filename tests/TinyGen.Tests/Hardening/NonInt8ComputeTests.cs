using TinyGen.Diagnostics;
using TinyGen.Ir;
using TinyGen.Passes;

namespace TinyGen.Tests.Hardening;

/// <summary>
/// Found by the fuzzer: a TFLite model whose conv input tensor type byte was changed to int32 got through
/// lowering and failed the lowered-graph contract as "internal" (a TinyGen bug). It is the model's fault,
/// and the message must say so, naming the op and the tensor.
/// </summary>
public sealed class NonInt8ComputeTests
{
    [Theory]
    [InlineData(ElementType.Int32)]
    [InlineData(ElementType.Int16)]
    [InlineData(ElementType.Int64)]
    public void An_op_computing_on_wider_integer_activations_is_a_user_error_naming_op_and_tensor(ElementType type)
    {
        var q = Quantization.PerTensor(0.5f, 0);
        var graph = new Graph("m",
        [
            new Tensor("a", ElementType.Int8, [1, 4], q),
            new Tensor("wide", type, [1, 4], q),
            new Tensor("sum", ElementType.Int8, [1, 4], q),
        ], [new Binary("the_add", BinaryKind.Add, "a", "wide", "sum", FusedActivation.None)], ["a", "wide"], ["sum"]);

        var error = Assert.Throws<TinyGenException>(() => new RejectNonInt8Compute().Run(graph));

        Assert.Equal(ExitCodes.UserError, error.ExitCode);
        Assert.Contains("the_add", error.Message);
        Assert.Contains("'wide'", error.Message);
        Assert.Contains(type.DisplayName(), error.Message);
        Assert.DoesNotContain("internal", error.Message);
    }

    [Fact]
    public void An_int8_graph_passes_unchanged()
    {
        var q = Quantization.PerTensor(0.5f, 0);
        var graph = new Graph("m",
            [new Tensor("a", ElementType.Int8, [1, 4], q), new Tensor("b", ElementType.Int8, [1, 4], q)],
            [new Activation("relu", "a", "b", FusedActivation.Relu)], ["a"], ["b"]);
        Assert.Same(graph, new RejectNonInt8Compute().Run(graph));
    }
}
