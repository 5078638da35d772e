using System.Collections.Frozen;
using TinyGen.Diagnostics;
using TinyGen.Ir;

namespace TinyGen.Frontends.Onnx.Mappers;

/// <summary>The table of supported ONNX ops, keyed by (domain, op_type).</summary>
internal static class OpMappers
{
    private const string Onnx = OnnxNode.DefaultDomain;
    private const string Microsoft = "com.microsoft";

    private static readonly FrozenDictionary<(string Domain, string OpType), IOpMapper> Table = new Dictionary<(string, string), IOpMapper>
    {
        [(Onnx, "Conv")] = new ConvMapper(),
        [(Onnx, "QLinearConv")] = new QLinearConvMapper(),
        [(Onnx, "MatMul")] = new MatMulMapper(),
        [(Onnx, "Gemm")] = new GemmMapper(),
        [(Onnx, "QLinearMatMul")] = new QLinearMatMulMapper(),
        [(Onnx, "Add")] = new BinaryMapper(BinaryKind.Add),
        [(Onnx, "Sub")] = new BinaryMapper(BinaryKind.Sub),
        [(Onnx, "Mul")] = new BinaryMapper(BinaryKind.Mul),
        [(Microsoft, "QLinearAdd")] = new QLinearBinaryMapper(BinaryKind.Add),
        [(Microsoft, "QLinearMul")] = new QLinearBinaryMapper(BinaryKind.Mul),
        [(Onnx, "MaxPool")] = new PoolMapper(PoolKind.Max),
        [(Onnx, "AveragePool")] = new PoolMapper(PoolKind.Average),
        [(Onnx, "GlobalAveragePool")] = new GlobalPoolMapper(PoolKind.Average),
        [(Onnx, "GlobalMaxPool")] = new GlobalPoolMapper(PoolKind.Max),
        [(Microsoft, "QLinearAveragePool")] = new QLinearPoolMapper(global: false),
        [(Microsoft, "QLinearGlobalAveragePool")] = new QLinearPoolMapper(global: true),
        [(Onnx, "Softmax")] = new SoftmaxMapper(),
        [(Microsoft, "QLinearSoftmax")] = new QLinearSoftmaxMapper(),
        [(Onnx, "Concat")] = new ConcatMapper(),
        [(Microsoft, "QLinearConcat")] = new QLinearConcatMapper(),
        [(Onnx, "Reshape")] = new ReshapeMapper(),
        [(Onnx, "Flatten")] = new FlattenMapper(),
        [(Onnx, "Squeeze")] = new SqueezeMapper(unsqueeze: false),
        [(Onnx, "Unsqueeze")] = new SqueezeMapper(unsqueeze: true),
        [(Onnx, "Transpose")] = new TransposeMapper(),
        [(Onnx, "QuantizeLinear")] = new QuantizeLinearMapper(),
        [(Onnx, "DequantizeLinear")] = new DequantizeLinearMapper(),
        [(Onnx, "Relu")] = new ActivationMapper(clip: false),
        [(Onnx, "Clip")] = new ActivationMapper(clip: true),
        [(Onnx, "Identity")] = new IdentityMapper(),
        [(Onnx, "Dropout")] = new IdentityMapper(),
        [(Onnx, "Constant")] = new ConstantMapper(),
        [(Onnx, "Pad")] = new PadMapper(),
        [(Onnx, "Sigmoid")] = new UnaryFunctionMapper(UnaryFunction.Logistic),
        [(Onnx, "HardSwish")] = new UnaryFunctionMapper(UnaryFunction.HardSwish),
        [(Microsoft, "QLinearSigmoid")] = new QLinearSigmoidMapper(),
        [(Onnx, "ReduceMean")] = new ReduceMeanMapper(),
    }.ToFrozenDictionary();

    /// <summary>"domain::op" of every supported op, sorted, for error messages.</summary>
    public static IReadOnlyList<string> Supported { get; } =
        Table.Keys.Select(k => $"{k.Domain}::{k.OpType}").Order(StringComparer.Ordinal).ToList();

    public static IOpMapper For(OnnxNode node) =>
        Table.TryGetValue((node.Domain, node.OpType), out var mapper)
            ? mapper
            : throw new TinyGenException($"{node.Describe} is not supported; TinyGen supports: {string.Join(", ", Supported)}");
}
