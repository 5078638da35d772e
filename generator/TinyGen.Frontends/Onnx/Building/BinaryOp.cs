namespace TinyGen.Frontends.Onnx.Building;

public enum BinaryOp
{
    Add,
    Mul,
    Sub,
}
