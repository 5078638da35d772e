using System.Runtime.CompilerServices;

// The tests build ONNX models from the internal protobuf classes directly.
[assembly: InternalsVisibleTo("TinyGen.Tests")]
