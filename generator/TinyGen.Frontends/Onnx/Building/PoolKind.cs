namespace TinyGen.Frontends.Onnx.Building;

public enum PoolKind
{
    Max,
    Average,
}
