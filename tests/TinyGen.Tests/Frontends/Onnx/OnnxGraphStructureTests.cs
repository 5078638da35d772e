using TinyGen.Ir;
using static TinyGen.Tests.Frontends.Onnx.TestOnnxModel;

namespace TinyGen.Tests.Frontends.Onnx;

/// <summary>Graph-level rules: inputs, batch dimensions, ordering, cycles, undefined inputs, names.</summary>
public sealed class OnnxGraphStructureTests
{
    [Fact]
    public void SymbolicOrZeroBatchBecomesOne()
    {
        var m = new TestOnnxModel().Input("x", Float, "N", 3L).Input("z", Float, 0L, 4L).Output("y").Output("w");
        m.Node("Relu", ["x"], ["y"]);
        m.Node("Relu", ["z"], ["w"]);
        var g = m.Import();
        Assert.Equal([1, 3], g["x"].Shape.ToArray());
        Assert.Equal([1, 4], g["z"].Shape.ToArray());
        Assert.False(g["y"].HasShape); // intermediate shapes are left to shape inference
        Assert.Equal(ElementType.Float32, g["y"].Type);
    }

    [Fact]
    public void SymbolicNonBatchDimensionIsAnError()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, "width").Output("y");
        m.Node("Relu", ["x"], ["y"]);
        var message = m.ImportError();
        Assert.Contains("graph input 'x'", message);
        Assert.Contains("'width'", message);
        Assert.Contains("axis 1", message);
    }

    [Fact]
    public void InitializersListedAsInputsAreConstantsNotInputs()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L).Input("b", Float, 2L).Floats("b", [2], 1f, 2f).Output("y");
        m.Node("Add", ["x", "b"], ["y"], "add");
        var g = m.Import();
        Assert.Equal(["x"], g.Inputs.ToArray());
        Assert.True(g["b"].IsConstant);
        Assert.Equal([2], g["b"].Shape.ToArray());
        Assert.Equal([1f, 2f], g["b"].Data!.ToFloats());
        var add = g.Op<Binary>("add");
        Assert.Equal((BinaryKind.Add, "x", "b", "y"), (add.Op, add.A, add.B, add.Output));
    }

    [Fact]
    public void NodesOutOfOrderAreSortedStably()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("d").Output("e");
        m.Node("Relu", ["c"], ["d"], "third");
        m.Node("Relu", ["x"], ["a"], "first");
        m.Node("Identity", ["x"], ["e"], "independent");
        m.Node("Relu", ["a"], ["c"], "second");
        var g = m.Import();
        // Ready nodes keep their file order: 'first' and 'independent' are ready at once.
        Assert.Equal(["first", "independent", "second", "third"], g.Operations.Select(o => o.Name).ToArray());
    }

    [Fact]
    public void CycleIsAnErrorNamingANodeOnIt()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("y");
        m.Node("Add", ["x", "b"], ["a"], "n1");
        m.Node("Relu", ["a"], ["b"], "n2");
        m.Node("Relu", ["a"], ["y"], "n3");
        var message = m.ImportError();
        Assert.Contains("cycle", message);
        Assert.True(message.Contains("'n1'") || message.Contains("'n2'"), message);
        Assert.DoesNotContain("'n3'", message);
    }

    [Fact]
    public void UndefinedInputIsAnErrorNamingNodeAndInput()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("y");
        m.Node("Add", ["x", "ghost"], ["y"], "adder");
        var message = m.ImportError();
        Assert.Contains("node 'adder' (op ai.onnx::Add)", message);
        Assert.Contains("'ghost'", message);
    }

    [Fact]
    public void GraphOutputMustBeProduced()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("nowhere");
        Assert.Contains("'nowhere'", m.ImportError());
    }

    [Fact]
    public void EmptyAndDuplicateNodeNamesBecomeUnique()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("c");
        m.Node("Relu", ["x"], ["a"], "");
        m.Node("Relu", ["a"], ["b"], "same");
        m.Node("Relu", ["b"], ["c"], "same");
        var names = m.Import().Operations.Select(o => o.Name).ToList();
        Assert.Equal(3, names.Distinct().Count());
        Assert.All(names, n => Assert.False(string.IsNullOrEmpty(n)));
        Assert.Equal("same", names[1]);
    }

    [Fact]
    public void UnsupportedOpNamesNodeAndOpAndListsTheSupportedOnes()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("y");
        m.Node("Tanh", ["x"], ["y"], "squash");
        var message = m.ImportError();
        Assert.StartsWith("node 'squash' (op ai.onnx::Tanh) is not supported; TinyGen supports: ", message);
        Assert.Contains("ai.onnx::Conv", message);
        Assert.Contains("com.microsoft::QLinearAdd", message);

        var ms = new TestOnnxModel(13, microsoftOpset: 1).Input("x", Float, 1L, 2L).Output("y");
        ms.Node("Gelu", ["x"], ["y"], "g", "com.microsoft");
        Assert.StartsWith("node 'g' (op com.microsoft::Gelu) is not supported", ms.ImportError());
    }

    [Fact]
    public void AttributeOfTheWrongTypeNamesNodeAndAttribute()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 1L, 4L, 4L).Floats("w", [1, 1, 3, 3], new float[9]).Output("y");
        m.Node("Conv", ["x", "w"], ["y"], "conv", "", Int("strides", 2));
        var message = m.ImportError();
        Assert.Contains("node 'conv'", message);
        Assert.Contains("'strides'", message);
        Assert.Contains("INTS", message);
    }

    [Fact]
    public void UsedExtraOutputsAreAnError()
    {
        var m = new TestOnnxModel().Input("x", Float, 1L, 2L).Output("y");
        m.Node("Dropout", ["x"], ["d", "mask"], "drop");
        m.Node("Add", ["d", "mask"], ["y"], "add");
        var message = m.ImportError();
        Assert.Contains("node 'drop'", message);
        Assert.Contains("'mask'", message);
    }

    [Fact]
    public void MissingOpsetForADomainIsAnError()
    {
        var m = new TestOnnxModel().Input("x", Int8, 1L, 2L).ScaleZp("q", 0.5f, 0).Output("y");
        m.Node("QLinearSoftmax", ["x", "q_scale", "q_zp", "q_scale", "q_zp"], ["y"], "s", "com.microsoft", Int("opset", 13));
        Assert.Contains("com.microsoft", m.ImportError());
    }
}
