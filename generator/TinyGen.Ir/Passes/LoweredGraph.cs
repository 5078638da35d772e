using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Passes;

/// <summary>
/// The contract between the passes and everything after them (reference interpreter, planner,
/// kernel choice, emitter). <see cref="LoweringPipeline"/> produces graphs that satisfy it and
/// <see cref="Validate"/> checks it, so a consumer may rely on every point below:
/// <list type="number">
/// <item>Every tensor has a known shape; batch dimensions are 1.</item>
/// <item>Operations are in a valid execution order (each input produced before use).</item>
/// <item>Every tensor that flows between operations is Int8 with per-tensor quantization, except
///   graph inputs and outputs, which keep the model's edge type (Float32, Int8 or UInt8), and the
///   float side of an edge Quantize/Dequantize, plus layout-only ops (Reshape/Transpose) on
///   such float edge tensors.</item>
/// <item>4-D activations are NHWC; every Conv2D and Pool2D has Layout = Nhwc, resolved padding
///   (AutoPad.NotSet) and, for pools, an explicit window (also when Global).</item>
/// <item>Conv2D: Int8 constant weights [Cout, KH, KW, Cin] (regular) or [1, KH, KW, Cout]
///   (depthwise: Groups = Cin, Cout = Cin * multiplier; <see cref="Conv2D.IsDepthwise"/> is the rule), per-channel along the output-channel axis
///   (0 resp. 3) or per-tensor; optional Int32 constant bias [Cout] with zero point 0.
///   Weight zero points may be non-zero only when the model said so (the reference handles them;
///   kernel choice may reject them).</item>
/// <item>FullyConnected: Int8 constant weights [Out, In], per-tensor or per-channel (axis 0);
///   optional Int32 bias [Out]; the input is read as rows of In elements.</item>
/// <item>Binary: Add, Sub or Mul of two Int8 tensors; B is the same shape as the output, a scalar,
///   or a vector broadcast along the innermost axis (its length divides the output's innermost
///   run); A has the output's shape.</item>
/// <item>Pool2D, Concat, Reshape, Transpose, Activation, Pad: input(s) and output share one quantization
///   (a Quantize op that requantizes is inserted where the model's scales differ).</item>
/// <item>Softmax: along the last axis; output scale 1/256, zero point -128.</item>
/// <item>ElementwiseFunction: Int8 → Int8; Logistic's output has scale 1/256, zero point -128;
///   HardSwish's input and output have any quantization.</item>
/// <item>Mean: Int8 → Int8 with any quantizations; Axes sorted, non-negative and distinct (on an
///   NHWC tensor the spatial mean is axes [1, 2]); the output shape follows KeepDims.</item>
/// <item>Pad: Int8, pads non-negative, Value an integer in [-128, 127] (a Pad that a convolution or
///   max pool could absorb has been folded into it).</item>
/// <item>Quantize: Float32 → Int8 (edge), UInt8 → Int8 (edge, zero point - 128), or Int8 → Int8 /
///   Int8 → UInt8 with any scales (requantize). Dequantize: Int8 → Float32 (edge).</item>
/// <item>No Identity or standalone activation that could be fused remains; an unfused
///   Activation is an Int8 clamp.</item>
/// </list>
/// </summary>
public static class LoweredGraph
{
    public static void Validate(Graph graph)
    {
        var available = new HashSet<string>(graph.Inputs, StringComparer.Ordinal);
        foreach (var t in graph.Tensors.Values.Where(t => t.IsConstant)) available.Add(t.Name);
        foreach (var op in graph.Operations)
        {
            foreach (var input in op.Inputs)
                if (!available.Contains(input))
                    throw Broken(op, $"reads '{input}' before anything produces it");
            foreach (var output in op.Outputs)
            {
                var t = graph[output];
                if (!t.HasShape) throw Broken(op, $"output '{output}' has no shape");
                available.Add(output);
            }
            switch (op)
            {
                case Conv2D c when c.Layout != Layout.Nhwc || c.Window.AutoPad != AutoPad.NotSet:
                    throw Broken(op, "is not NHWC with explicit padding");
                case Pool2D p when p.Layout != Layout.Nhwc || p.Window.AutoPad != AutoPad.NotSet:
                    throw Broken(op, "is not NHWC with explicit padding");
                case Identity:
                    throw Broken(op, "should have been removed");
                case Mean m when m.Axes.Any(a => a < 0) || !m.Axes.SequenceEqual(m.Axes.Distinct().Order()):
                    throw Broken(op, $"has unnormalized axes [{string.Join(",", m.Axes)}]");
                case var _ when ComputesOnInt8(op):
                    // point 3: ops that compute read and write int8 activations (and int32 biases)
                    foreach (var t in op.Inputs.Concat(op.Outputs).Select(n => graph[n]).Where(t => !t.IsConstant))
                        if (t.Type != ElementType.Int8)
                            throw Broken(op, $"touches {t.Type.DisplayName()} tensor '{t.Name}'; it computes on int8 only");
                    break;
            }
        }
        foreach (var output in graph.Outputs)
            if (!available.Contains(output)) throw new TinyGenException($"graph output '{output}' is never produced");
    }

    /// <summary>The ops that compute on activations (point 3): they read and write int8 only.</summary>
    public static bool ComputesOnInt8(Operation op) => op is Conv2D or FullyConnected or Binary or Pool2D or Softmax or Concat or Activation or ElementwiseFunction or Mean or Pad;

    private static TinyGenException Broken(Operation op, string what) => new($"internal: after lowering, {op} {what}");
}
