namespace TinyGen.Frontends.Tflite;

/// <summary>The subgraph TinyGen compiles: tensors, operators in execution order, and the graph's input and output tensor indices.</summary>
public sealed record TfliteSubGraph(string Name, TfliteTensor[] Tensors, TfliteOperator[] Operators, int[] Inputs, int[] Outputs);
