using System.CommandLine;
using TinyGen.Emit;

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

    public static Option<string> Kernels()
    {
        var option = new Option<string>("--kernels")
        {
            Description = "Whose kernels the model calls: tinygen (our own, the default) or cmsis-nn (Arm's CMSIS-NN for the ops it has, built from the checkout CMSIS_NN_ROOT names; our kernels for the rest).",
            DefaultValueFactory = _ => KernelLibrary.TinyGen.Name(),
        };
        option.AcceptOnlyFromAmong([.. KernelLibraries.Names]);
        return option;
    }

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object for scripts instead of tables." };
}
