using System.Runtime.CompilerServices;

// The tests build ONNX models from the internal protobuf classes directly; the fuzzer corrupts them through the same classes.
[assembly: InternalsVisibleTo("TinyGen.Tests")]
[assembly: InternalsVisibleTo("TinyGen.Fuzzing")]
