namespace TinyGen.Frontends.Onnx.Building;

/// <summary>
/// Builds quantized models op by op in either ONNX form from one description, so a QDQ model and its
/// QOperator twin carry the same integers. Each op method takes quantized values and returns the
/// quantized result; the form decides whether that becomes DequantizeLinear → float op → QuantizeLinear
/// (one DequantizeLinear per consumer, as exporters write it) or a single integer operator.
/// <code>
/// var c = new QuantizedModelComposer(QuantOptions.QOperator);
/// var x = c.Input([1, 3, 8, 8], seed: 1);
/// var y = c.Conv(x, new ConvSpec([1, 3, 8, 8], 4) { Pads = Padding2D.Symmetric(1, 1) });
/// c.Output(c.MaxPool(y, ...));
/// GeneratedModel model = c.Build();
/// </code>
/// Weights, scales, zero points and sample inputs all come from seeded System.Random instances, so the
/// same calls give the same bytes. Quantization heuristics: see ScaleHeuristics.
/// </summary>
public sealed partial class QuantizedModelComposer
{
    private sealed record PendingNode(string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes, string Domain, string Name);

    private readonly List<PendingNode> _nodes = [];
    private readonly List<(string Name, OnnxTensorValue Value)> _initializers = [];
    private readonly List<(ModelTensorInfo Info, OnnxTensorValue Sample)> _inputs = [];
    private readonly List<ModelTensorInfo> _outputs = [];
    private readonly Dictionary<string, string> _renames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _integerGraphInputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _prefixCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dequantizeCounts = new(StringComparer.Ordinal);
    private long _onnxOpset = OnnxModelBuilder.DefaultOnnxOpset;

    public QuantizedModelComposer(QuantOptions? options = null)
    {
        Options = options ?? QuantOptions.Default;
    }

    public QuantOptions Options { get; }

    private bool IsQdq => Options.Form == QuantForm.Qdq;

    private OnnxElementType ActivationElementType =>
        Options.Activations == ActivationDataType.UInt8 ? OnnxElementType.UInt8 : OnnxElementType.Int8;

    /// <summary>
    /// A graph input with a seeded scale (log-uniform in [1/64, 1/8]) and zero point (within 32 of the
    /// range's middle), and a sample whose integers are uniform over the whole range.
    /// </summary>
    public QuantizedValue Input(int[] shape, int seed, string name = "input")
    {
        var random = new Random(unchecked(seed * 7919 + 101));
        float scale = ScaleHeuristics.RandomInputScale(random);
        int zeroPoint = ScaleHeuristics.RandomZeroPoint(random, Options.Activations);
        return Input(shape, scale, zeroPoint, seed, name);
    }

    /// <summary>A graph input with the given quantization; the sample is still seeded and full-range.</summary>
    public QuantizedValue Input(int[] shape, float scale, int zeroPoint, int seed, string name = "input")
    {
        var random = new Random(unchecked(seed * 7919 + 202));
        (int min, int max) = ScaleHeuristics.Range(Options.Activations);
        int count = shape.Aggregate(1, (a, b) => a * b);
        int[] levels = Enumerable.Range(0, count).Select(_ => random.Next(min, max + 1)).ToArray();
        long[] dims = shape.Select(d => (long)d).ToArray();

        if (Options.Edges == ModelEdges.Integer)
        {
            OnnxTensorValue sample = Options.Activations == ActivationDataType.UInt8
                ? OnnxTensorValue.UInt8(levels.Select(v => (byte)v).ToArray(), dims)
                : OnnxTensorValue.Int8(levels.Select(v => (sbyte)v).ToArray(), dims);
            _inputs.Add((new ModelTensorInfo(name, ActivationElementType, dims, scale, zeroPoint), sample));
            _integerGraphInputs.Add(name);
            return NewValue(name, shape, scale, zeroPoint);
        }

        // Float samples are exact dequantized levels, so QuantizeLinear recovers the levels exactly.
        float[] reals = levels.Select(q => scale * (q - zeroPoint)).ToArray();
        _inputs.Add((new ModelTensorInfo(name, OnnxElementType.Float, dims, scale, zeroPoint), OnnxTensorValue.Float(reals, dims)));
        return Quantize(name, shape, scale, zeroPoint, $"{name}_quantized");
    }

    /// <summary>A quantized constant tensor (an initializer) with seeded quantization and full-range integers.</summary>
    public QuantizedValue Constant(int[] shape, int seed)
    {
        var random = new Random(unchecked(seed * 7919 + 303));
        float scale = ScaleHeuristics.RandomInputScale(random);
        int zeroPoint = ScaleHeuristics.RandomZeroPoint(random, Options.Activations);
        (int min, int max) = ScaleHeuristics.Range(Options.Activations);
        int[] levels = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => random.Next(min, max + 1)).ToArray();
        return ConstantFromLevels(NextPrefix("const"), shape, levels, scale, zeroPoint);
    }

    /// <summary>Marks a value as a graph output: integer as is, or behind a DequantizeLinear for float edges.</summary>
    public void Output(QuantizedValue value, string name = "output")
    {
        long[] dims = value.Shape.Select(d => (long)d).ToArray();
        if (Options.Edges == ModelEdges.Float)
        {
            AddNode("DequantizeLinear", [value.Name, value.ScaleName, value.ZeroPointName], [name], name: $"{name}_DequantizeLinear");
            _outputs.Add(new ModelTensorInfo(name, OnnxElementType.Float, dims, value.Scale, value.ZeroPoint));
            return;
        }
        if (_integerGraphInputs.Contains(value.Name) || _renames.ContainsKey(value.Name) ||
            _initializers.Any(i => i.Name == value.Name))
        {
            throw new ArgumentException($"'{value.Name}' is a graph input, a constant or already an output; integer outputs must be op results.", nameof(value));
        }
        // The producing node's output is renamed when the model is built, so the graph output is the op's result itself.
        _renames[value.Name] = name;
        _outputs.Add(new ModelTensorInfo(name, ActivationElementType, dims, value.Scale, value.ZeroPoint));
    }

    public GeneratedModel Build()
    {
        if (_outputs.Count == 0)
        {
            throw new InvalidOperationException("The model has no output; call Output() first.");
        }
        var builder = new OnnxModelBuilder("tinygen_synthetic");
        if (_onnxOpset != OnnxModelBuilder.DefaultOnnxOpset)
        {
            builder.ImportOpset("", _onnxOpset);
        }
        foreach ((ModelTensorInfo info, _) in _inputs)
        {
            builder.AddInput(info.Name, info.ElementType, info.Shape.ToArray());
        }
        foreach ((string name, OnnxTensorValue value) in _initializers)
        {
            builder.AddInitializer(name, value);
        }
        foreach (PendingNode node in _nodes)
        {
            builder.AddNode(node.OpType, node.Inputs.Select(Renamed).ToArray(), node.Outputs.Select(Renamed).ToArray(),
                node.Attributes, node.Domain, node.Name);
        }
        foreach (ModelTensorInfo output in _outputs)
        {
            builder.AddOutput(output.Name, output.ElementType, output.Shape.ToArray());
        }
        return new GeneratedModel(builder.Build(), _inputs.Select(i => i.Info).ToArray(), _outputs.ToArray(),
            _inputs.Select(i => i.Sample).ToArray());
    }

    private string Renamed(string name) => _renames.TryGetValue(name, out string? renamed) ? renamed : name;

    private string NextPrefix(string kind)
    {
        int n = _prefixCounts.GetValueOrDefault(kind);
        _prefixCounts[kind] = n + 1;
        return $"{kind}{n}";
    }

    private void AddNode(string opType, string[] inputs, string[] outputs, OnnxAttribute[]? attributes = null,
        string domain = "", string? name = null) =>
        _nodes.Add(new PendingNode(opType, inputs, outputs, attributes ?? [], domain, name ?? $"{outputs[0]}_{opType}"));

    private void AddInitializer(string name, OnnxTensorValue value) => _initializers.Add((name, value));

    /// <summary>Registers the scalar scale and zero-point initializers of a quantized tensor.</summary>
    private QuantizedValue NewValue(string name, int[] shape, float scale, int zeroPoint)
    {
        string scaleName = $"{name}_scale";
        string zeroPointName = $"{name}_zero_point";
        AddInitializer(scaleName, OnnxTensorValue.Float([scale]));
        AddInitializer(zeroPointName, ActivationScalar(zeroPoint));
        return new QuantizedValue(name, shape, scale, zeroPoint, scaleName, zeroPointName);
    }

    private OnnxTensorValue ActivationScalar(int value) => Options.Activations == ActivationDataType.UInt8
        ? OnnxTensorValue.UInt8([checked((byte)value)])
        : OnnxTensorValue.Int8([checked((sbyte)value)]);

    private QuantizedValue ConstantFromLevels(string name, int[] shape, int[] levels, float scale, int zeroPoint)
    {
        long[] dims = shape.Select(d => (long)d).ToArray();
        AddInitializer(name, Options.Activations == ActivationDataType.UInt8
            ? OnnxTensorValue.UInt8(levels.Select(v => checked((byte)v)).ToArray(), dims)
            : OnnxTensorValue.Int8(levels.Select(v => checked((sbyte)v)).ToArray(), dims));
        return NewValue(name, shape, scale, zeroPoint);
    }

    /// <summary>A QuantizeLinear of a float tensor into a new quantized value.</summary>
    private QuantizedValue Quantize(string floatName, int[] shape, float scale, int zeroPoint, string name)
    {
        QuantizedValue value = NewValue(name, shape, scale, zeroPoint);
        AddNode("QuantizeLinear", [floatName, value.ScaleName, value.ZeroPointName], [name]);
        return value;
    }

    /// <summary>A fresh DequantizeLinear of the value for one consumer; returns the float tensor's name.</summary>
    private string Dequantize(QuantizedValue value)
    {
        int n = _dequantizeCounts.GetValueOrDefault(value.Name);
        _dequantizeCounts[value.Name] = n + 1;
        string name = $"{value.Name}_dequantized{n}";
        AddNode("DequantizeLinear", [value.Name, value.ScaleName, value.ZeroPointName], [name]);
        return name;
    }

    /// <summary>
    /// Quantization of a computed output of real spread sigma. An activation is expressed by the range, as
    /// exporters calibrate it (zero point at the bottom; Relu6 also scale 6/255), in both forms, so a QDQ
    /// model and its QOperator twin compute the same integers; QOperator has no other way to express it.
    /// With QuantOptions.ClampInsideRange (QDQ only) the activation is left to the Relu/Clip node alone.
    /// </summary>
    private (float Scale, int ZeroPoint) OutputQuantization(double sigma, ConvActivation activation, Random random)
    {
        double scale = ScaleHeuristics.OutputScaleForSigma(sigma, Options.Multipliers);
        int zeroPoint = ScaleHeuristics.RandomZeroPoint(random, Options.Activations);
        if (Options.ClampInsideRange && !IsQdq)
        {
            throw new ArgumentException("ClampInsideRange needs the QDQ form: QOperator has no activation node to clamp with.");
        }
        if (activation == ConvActivation.None || Options.ClampInsideRange)
        {
            return ((float)scale, zeroPoint);
        }
        int bottom = ScaleHeuristics.Range(Options.Activations).Min;
        // Relu keeps only the positive half of the ±3σ spread, so it gets all 255 steps.
        return activation == ConvActivation.Relu6 ? (6f / 255f, bottom) : ((float)(scale / 2), bottom);
    }

    /// <summary>QDQ only: the Relu or Clip(0, 6) node after a float op; returns the tensor to quantize.</summary>
    private string ApplyActivation(string prefix, string floatName, ConvActivation activation)
    {
        switch (activation)
        {
            case ConvActivation.None:
                return floatName;
            case ConvActivation.Relu:
                AddNode("Relu", [floatName], [$"{prefix}_relu"]);
                return $"{prefix}_relu";
            case ConvActivation.Relu6:
                AddInitializer($"{prefix}_clip_min", OnnxTensorValue.Float([0f]));
                AddInitializer($"{prefix}_clip_max", OnnxTensorValue.Float([6f]));
                AddNode("Clip", [floatName, $"{prefix}_clip_min", $"{prefix}_clip_max"], [$"{prefix}_relu6"]);
                return $"{prefix}_relu6";
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    private static void RequireShape(QuantizedValue value, int[] expected, string op)
    {
        if (!value.Shape.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"{op}: spec input shape [{string.Join(",", expected)}] differs from '{value.Name}' [{string.Join(",", value.Shape)}].");
        }
    }

    private static OnnxAttribute[] PaddingAttributes(Padding2D pads) => pads.IsAuto
        ? [OnnxAttribute.String("auto_pad", pads.AutoPad!)]
        : [OnnxAttribute.Ints("pads", pads.Top, pads.Left, pads.Bottom, pads.Right)];
}
