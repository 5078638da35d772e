using System.CommandLine;

namespace TinyGen.Cli.Commands;

/// <summary>Arguments and options shared by several commands, so they read the same everywhere.</summary>
public static class CommonOptions
{
    public static Argument<string> Model() => new("model") { Description = "A quantized ONNX model (QDQ or QOperator, int8 or uint8) or an int8 TFLite model (.tflite)." };

    public static Option<string> Board() => new("--board", "-b")
    {
        Description = "Target board (see 'tinygen boards').",
        DefaultValueFactory = _ => "mps2-an386",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object for scripts instead of tables." };
}
